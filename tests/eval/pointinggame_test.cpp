#include "core/eval/pointinggame.h"
#include "tests/support/errorof.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cfloat>

namespace bcos {
namespace {

using test::errorOf;

/// 4 x 5 map (H x W) with positive mass 1 + 2 + 3 + 4 = 10 and some negative evidence.
at::Tensor handMadeMap()
{
    at::Tensor map = torch::zeros({4, 5});
    map[0][0] = 1.0f;
    map[1][3] = 2.0f;
    map[2][1] = 3.0f;
    map[3][4] = 4.0f;
    map[2][2] = -7.0f; // negative evidence never counts
    map[0][4] = -1.0f;
    return map;
}

TEST(PointingGame, ExactFractionsOnAHandMadeMap)
{
    const at::Tensor map = handMadeMap();
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {0, 0, 5, 4}), 1.0);        // the whole map
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {0, 0, 1, 1}), 0.1);        // the 1 at (x 0, y 0)
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {1, 1, 4, 3}), 0.5);        // 2 + 3, and the -7
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {4, 0, 5, 4}), 0.4);        // the last column: 4 (and the -1)
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {2, 2, 3, 3}), 0.0);        // only negative evidence
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {3, 1, 4, 2}), 0.2);        // x is the column, y the row
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map, {1, 3, 4, 4}), 0.0);        // half-open: x1 = 4 excludes the 4
}

TEST(PointingGame, DtypeAndScaleDoNotMatter)
{
    const at::Tensor map = handMadeMap();
    const core::Box box{1, 1, 4, 3};
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map.to(torch::kDouble) * 1e6, box), 0.5);
    EXPECT_NEAR(core::positiveFractionInBox(map.to(torch::kHalf), box), 0.5, 1e-12); // small integers are exact
    EXPECT_DOUBLE_EQ(core::positiveFractionInBox(map.t().contiguous().t(), box), 0.5); // non-contiguous
}

TEST(PointingGame, AMapWithoutPositiveEvidenceScoresZero)
{
    EXPECT_EQ(core::positiveFractionInBox(torch::zeros({3, 3}), {0, 0, 3, 3}), 0.0);
    EXPECT_EQ(core::positiveFractionInBox(-torch::ones({3, 3}), {0, 0, 2, 2}), 0.0);
}

TEST(PointingGame, RejectsBadMapsAndBoxes)
{
    const at::Tensor map = handMadeMap();
    EXPECT_EQ(errorOf([] { core::positiveFractionInBox(torch::zeros({1, 4, 5}), {0, 0, 1, 1}); }),
              "pointing game: expected a floating-point attribution map [H, W], got [1, 4, 5]");
    EXPECT_EQ(errorOf([] { core::positiveFractionInBox(torch::zeros({4, 5}, torch::kLong), {0, 0, 1, 1}); }),
              "pointing game: expected a floating-point attribution map [H, W], got [4, 5]");
    EXPECT_EQ(errorOf([] { core::positiveFractionInBox(at::Tensor(), {0, 0, 1, 1}); }),
              "pointing game: expected a floating-point attribution map [H, W], got an undefined tensor");
    EXPECT_EQ(errorOf([&map] { core::positiveFractionInBox(map, {2, 1, 2, 3}); }),
              "pointing game: the box x [2, 2) y [1, 3) is empty");
    EXPECT_EQ(errorOf([&map] { core::positiveFractionInBox(map, {3, 2, 1, 3}); }),
              "pointing game: the box x [3, 1) y [2, 3) is empty");
    EXPECT_EQ(errorOf([&map] { core::positiveFractionInBox(map, {0, 0, 6, 4}); }),
              "pointing game: the box x [0, 6) y [0, 4) does not lie inside the 5 x 4 map");
    EXPECT_EQ(errorOf([&map] { core::positiveFractionInBox(map, {-1, 0, 2, 2}); }),
              "pointing game: the box x [-1, 2) y [0, 2) does not lie inside the 5 x 4 map");
}

TEST(EnergyPointingGame, AMapEqualToTheRegionScoresOne)
{
    const at::Tensor regions = core::boxRegions({{{1, 1, 4, 3}}, {{0, 0, 2, 2}, {3, 2, 5, 4}}}, 4, 5);
    EXPECT_EQ(regions.sizes(), (std::vector<int64_t>{2, 4, 5}));
    EXPECT_EQ(regions[0].sum().item<int64_t>(), 6);
    EXPECT_EQ(regions[1].sum().item<int64_t>(), 8); // the union of two boxes
    const at::Tensor scores = core::energyPointingGame(regions.to(torch::kFloat), regions);
    EXPECT_TRUE(torch::equal(scores, torch::ones({2}, torch::kDouble)));
    // Negative evidence outside the region does not count; positive evidence outside does.
    at::Tensor maps = regions.to(torch::kFloat) - 2 * regions.logical_not().to(torch::kFloat);
    EXPECT_TRUE(torch::equal(core::energyPointingGame(maps, regions), torch::ones({2}, torch::kDouble)));
    maps[0][0][0] = 2.0f; // 6 inside, 2 outside
    EXPECT_DOUBLE_EQ(core::energyPointingGame(maps, regions)[0].item<double>(), 0.75);
}

TEST(EnergyPointingGame, AgreesWithTheBoxVersionAndIgnoresScale)
{
    const at::Tensor map = handMadeMap();
    const std::vector<core::Box> boxes{{0, 0, 5, 4}, {0, 0, 1, 1}, {1, 1, 4, 3}, {4, 0, 5, 4}, {2, 2, 3, 3}};
    for (const core::Box &box : boxes) {
        const at::Tensor region = core::boxRegions({{box}}, 4, 5);
        const double expected = core::positiveFractionInBox(map, box);
        EXPECT_DOUBLE_EQ(core::energyPointingGame(map.unsqueeze(0), region)[0].item<double>(), expected);
        // float32 rounds each scaled value by at most 2^-24 relative: a ratio of sums moves by at most twice that.
        EXPECT_NEAR(core::energyPointingGame(map.unsqueeze(0) * 1e-8, region)[0].item<double>(), expected, 2 * FLT_EPSILON);
    }
}

TEST(EnergyPointingGame, AMapWithoutPositiveEnergyScoresZero)
{
    const at::Tensor regions = core::boxRegions({{{0, 0, 2, 2}}, {{1, 1, 3, 3}}}, 3, 3);
    at::Tensor maps = torch::zeros({2, 3, 3});
    maps[1].fill_(-1.0f);
    EXPECT_TRUE(torch::equal(core::energyPointingGame(maps, regions), torch::zeros({2}, torch::kDouble)));
}

TEST(EnergyPointingGame, ClearErrors)
{
    const at::Tensor maps = torch::ones({2, 3, 3});
    at::Tensor regions = torch::ones({2, 3, 3}, torch::kBool);
    regions[1].fill_(false);
    EXPECT_EQ(errorOf([&] { core::energyPointingGame(maps, regions); }),
              "energy pointing game: the region of image 1 is empty");
    EXPECT_EQ(errorOf([&] { core::energyPointingGame(maps, regions.to(torch::kFloat)); }),
              "energy pointing game: expected regions [2, 3, 3] bool for maps [2, 3, 3], got [2, 3, 3] Float");
    at::Tensor nan = maps.clone();
    nan[1][2][2] = std::nan("");
    EXPECT_EQ(errorOf([&] { core::energyPointingGame(nan, torch::ones({2, 3, 3}, torch::kBool)); }),
              "energy pointing game: attribution map 1 contains NaN");
    EXPECT_EQ(errorOf([] { core::boxRegions({{{0, 0, 1, 1}}, {{2, 1, 2, 3}}}, 3, 3); }),
              "energy pointing game, image 1: the box x [2, 2) y [1, 3) is empty");
    EXPECT_EQ(errorOf([] { core::boxRegions({{{0, 0, 4, 1}}}, 3, 3); }),
              "energy pointing game, image 0: the box x [0, 4) y [0, 1) does not lie inside the 3 x 3 map");
    EXPECT_EQ(errorOf([] { core::boxRegions({{{0, 0, 1, 1}}, {}}, 3, 3); }), "energy pointing game, image 1: no box");
}

} // namespace
} // namespace bcos
