#include "core/eval/pointinggame.h"
#include "tests/support/errorof.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

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

} // namespace
} // namespace bcos
