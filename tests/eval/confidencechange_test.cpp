// Average drop and increase in confidence on a linear model with hand-computed scores.
#include "core/eval/metrics/confidencechange.h"
#include "tests/support/errorof.h"
#include "tests/support/linearscore.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cfloat>

namespace bcos {
namespace {

using test::errorOf;

/// Weights 1 on the left half (columns 0-1) and -0.5 on the right half of a 4 x 4 image: on a white image the
/// score is Y = 3 (8 - 4) = 12.
test::LinearScore halfAndHalf()
{
    test::LinearScore model;
    model.weights = torch::ones({4, 4});
    model.weights.slice(1, 2, 4).fill_(-0.5f);
    return model;
}

/// A map with `left` on columns 0-1 and `right` on columns 2-3.
at::Tensor leftRight(float left, float right)
{
    at::Tensor map = torch::full({4, 4}, left);
    map.slice(1, 2, 4).fill_(right);
    return map;
}

TEST(ConfidenceChange, HandComputedDropsAndIncreases)
{
    const auto model = halfAndHalf();
    const at::Tensor images = torch::ones({5, 3, 4, 4});
    // E = x * a+ / max a+, so O = 3 (8 wl - 4 wr) with the weights wl, wr the map gives each half.
    const at::Tensor maps = torch::stack({leftRight(1, 0),   // O = 24: up, drop 0
                                          leftRight(0, 1),   // O = -12: drop (12 + 12) / 12 = 2
                                          leftRight(2, 1),   // O = 3 (8 - 2) = 18: up
                                          leftRight(1, 4),   // O = 3 (2 - 4) = -6: drop 18 / 12 = 1.5
                                          leftRight(1, -3)}); // negative evidence is black: O = 24
    const auto change = core::confidenceChange(model.function(), images, torch::zeros({5}, torch::kLong), maps);
    EXPECT_TRUE(torch::equal(change.full, torch::full({5}, 12.0, torch::kDouble)));
    EXPECT_TRUE(torch::equal(change.masked, torch::tensor({24.0, -12.0, 18.0, -6.0, 24.0}, torch::kDouble)));
    EXPECT_TRUE(torch::equal(change.drop, torch::tensor({0.0, 2.0, 0.0, 1.5, 0.0}, torch::kDouble)));
    EXPECT_TRUE(torch::equal(change.increase, torch::tensor({1.0, 0.0, 1.0, 0.0, 1.0}, torch::kDouble)));
}

TEST(ConfidenceChange, ScalingTheMapByAPositiveConstantChangesNothing)
{
    auto model = test::seededLinearScore(6, 6, 1);
    model.weights.abs_(); // positive scores
    const at::Tensor images = test::seededImages(3, 6, 6, 2), targets = torch::zeros({3}, torch::kLong);
    const at::Tensor maps = test::seededImages(3, 6, 6, 3).select(1, 0) - 0.3;
    const auto plain = core::confidenceChange(model.function(), images, targets, maps);
    const auto scaled = core::confidenceChange(model.function(), images, targets, maps * 37.0);
    // a+ / max a+ may round differently by one float32 ulp per pixel: O moves by at most 2^-24 of its magnitudes.
    const double tolerance = 4 * FLT_EPSILON * model.magnitude(images).sum().item<double>();
    EXPECT_TRUE(torch::allclose(plain.masked, scaled.masked, 0.0, tolerance));
    EXPECT_TRUE(torch::equal(plain.full, scaled.full));
}

TEST(ConfidenceChange, ClearErrors)
{
    auto model = halfAndHalf();
    const at::Tensor images = torch::ones({2, 3, 4, 4}), targets = torch::zeros({2}, torch::kLong);
    EXPECT_EQ(errorOf([&] { core::confidenceChange(model.function(), images, targets, torch::stack({leftRight(1, 0), leftRight(0, -1)})); }),
              "average drop: attribution map 1 has no positive value (its explanation map would be black)");
    EXPECT_EQ(errorOf([&] { core::confidenceChange(model.function(), images, targets, torch::stack({leftRight(1, 0), leftRight(0, 0)})); }),
              "average drop: attribution map 1 has no positive value (its explanation map would be black)");
    at::Tensor nan = torch::stack({leftRight(1, 0), leftRight(1, 0)});
    nan[0][1][1] = std::nan("");
    EXPECT_EQ(errorOf([&] { core::confidenceChange(model.function(), images, targets, nan); }),
              "average drop: attribution map 0 contains NaN");
    model.bias = -20.0; // Y = -8
    EXPECT_EQ(errorOf([&] { core::confidenceChange(model.function(), images, targets, torch::stack({leftRight(1, 0), leftRight(1, 0)})); }),
              "average drop: the score of image 0 is -8 (the relative drop needs positive scores: use probabilities)");
}

} // namespace
} // namespace bcos
