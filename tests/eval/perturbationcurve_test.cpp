// Deletion and insertion curves on a linear model, whose exact attribution and best deletion order are known.
#include "core/error.h"
#include "core/eval/metrics/perturbationcurve.h"
#include "tests/support/errorof.h"
#include "tests/support/linearscore.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cfloat>

namespace bcos {
namespace {

using test::errorOf;

constexpr int64_t kH = 4, kW = 5;

/// float32 rounding of a sum of `terms` terms, relative to the sum of their magnitudes.
double sumRtol(int64_t terms) { return double(terms) * FLT_EPSILON; }

/// Expected deletion (insertion) curve with one pixel per step and a zeros baseline: the score falls (rises) by
/// the attributions in decreasing order. attribution [N, H, W] double -> [N, H W + 1].
at::Tensor expectedCurve(const at::Tensor &attribution, bool deletion)
{
    const int64_t n = attribution.size(0);
    const at::Tensor sorted = std::get<0>(attribution.reshape({n, -1}).sort(1, /*descending=*/true));
    const at::Tensor removed = torch::cat({torch::zeros({n, 1}, torch::kDouble), sorted.cumsum(1)}, 1);
    return deletion ? attribution.reshape({n, -1}).sum(1, true) - removed : removed;
}

/// Trapezoidal area over evenly spaced points in [0, 1].
at::Tensor trapezoidArea(const at::Tensor &curve)
{
    const int64_t steps = curve.size(1) - 1;
    return (curve.slice(1, 0, steps) + curve.slice(1, 1, steps + 1)).sum(1) / (2.0 * double(steps));
}

core::PerturbationOptions onePixelPerStep(core::PerturbationMode mode)
{
    core::PerturbationOptions options;
    options.mode = mode;
    options.steps = kH * kW;
    options.baseline = core::PerturbationBaseline::Zeros;
    return options;
}

TEST(PerturbationCurve, TheExactLinearAttributionMovesTheScoreByItsLargestTermsFirst)
{
    const auto model = test::seededLinearScore(kH, kW, 1);
    const at::Tensor images = test::seededImages(3, kH, kW, 2);
    const at::Tensor maps = model.attribution(images);
    for (const auto mode : {core::PerturbationMode::Deletion, core::PerturbationMode::Insertion}) {
        const bool deletion = mode == core::PerturbationMode::Deletion;
        const auto curves = core::perturbationCurves(model.function(), images, torch::zeros({3}, torch::kLong), maps,
                                                     onePixelPerStep(mode));
        const at::Tensor expected = expectedCurve(maps, deletion);
        const at::Tensor magnitude = model.magnitude(images).sum({1, 2}, true).squeeze(2).expand_as(expected);
        EXPECT_TRUE(test::allCloseToSum(curves.scores, expected, magnitude, sumRtol(3 * kH * kW), 0.0));
        EXPECT_TRUE(test::allCloseToSum(curves.auc, trapezoidArea(expected), magnitude.select(1, 0),
                                        sumRtol(3 * kH * kW), 0.0));
        EXPECT_TRUE(torch::allclose(curves.fractions, torch::arange(kH * kW + 1, torch::kDouble) / double(kH * kW)));
        // Deletion ends on the zero image, insertion starts from it.
        EXPECT_EQ(curves.scores[0][deletion ? kH * kW : 0].item<double>(), 0.0);
    }
}

TEST(PerturbationCurve, NoOtherOrderDeletesFasterOrInsertsFasterThanTheExactAttribution)
{
    // Removing the c largest terms of a sum lowers it most: the exact map's deletion curve lies below every other
    // map's at every step (insertion: above), so its deletion AUC is the smallest possible.
    const auto model = test::seededLinearScore(kH, kW, 5);
    const at::Tensor images = test::seededImages(2, kH, kW, 6);
    const at::Tensor targets = torch::zeros({2}, torch::kLong);
    const at::Tensor exact = model.attribution(images);
    const double tolerance = sumRtol(3 * kH * kW) * model.magnitude(images).sum().item<double>();
    for (const auto mode : {core::PerturbationMode::Deletion, core::PerturbationMode::Insertion}) {
        const auto options = onePixelPerStep(mode);
        const auto best = core::perturbationCurves(model.function(), images, targets, exact, options);
        for (uint64_t seed = 0; seed < 8; ++seed) {
            const at::Tensor other = test::seededImages(2, kH, kW, 100 + seed).select(1, 0) - 0.5;
            const auto curves = core::perturbationCurves(model.function(), images, targets, other, options);
            const at::Tensor gap = mode == core::PerturbationMode::Deletion ? curves.scores - best.scores
                                                                            : best.scores - curves.scores;
            EXPECT_GE(gap.min().item<double>(), -tolerance) << "seed " << seed;
        }
    }
}

TEST(PerturbationCurve, ScalingTheMapByAPositiveConstantChangesNothing)
{
    const auto model = test::seededLinearScore(kH, kW, 7);
    const at::Tensor images = test::seededImages(2, kH, kW, 8);
    const at::Tensor targets = torch::zeros({2}, torch::kLong);
    const at::Tensor maps = model.attribution(images);
    for (const auto mode : {core::PerturbationMode::Deletion, core::PerturbationMode::Insertion}) {
        core::PerturbationOptions options;
        options.mode = mode;
        options.steps = 7;
        const auto plain = core::perturbationCurves(model.function(), images, targets, maps, options);
        const auto scaled = core::perturbationCurves(model.function(), images, targets, maps * 1e-6, options);
        EXPECT_TRUE(torch::equal(plain.scores, scaled.scores));
        EXPECT_TRUE(torch::equal(plain.auc, scaled.auc));
    }
}

TEST(PerturbationCurve, UnevenStepsPerturbFlooredCountsAndTheAreaUsesTheTrueFractions)
{
    const auto model = test::seededLinearScore(kH, kW, 9);
    const at::Tensor images = test::seededImages(1, kH, kW, 10);
    core::PerturbationOptions options = onePixelPerStep(core::PerturbationMode::Deletion);
    options.steps = 3; // 20 pixels: floor(20 k / 3) = 0, 6, 13, 20
    const auto curves = core::perturbationCurves(model.function(), images, torch::zeros({1}, torch::kLong),
                                                 model.attribution(images), options);
    EXPECT_TRUE(torch::allclose(curves.fractions, torch::tensor({0.0, 0.3, 0.65, 1.0}, torch::kDouble)));
    const at::Tensor full = expectedCurve(model.attribution(images), true);
    const at::Tensor expected = full.index_select(1, torch::tensor({0, 6, 13, 20}, torch::kLong));
    const double tolerance = sumRtol(3 * kH * kW) * model.magnitude(images).sum().item<double>();
    EXPECT_TRUE(test::allCloseAbs(curves.scores, expected, tolerance));
    const double area = 0.3 * (expected[0][0] + expected[0][1]).item<double>() / 2
        + 0.35 * (expected[0][1] + expected[0][2]).item<double>() / 2 + 0.35 * (expected[0][2] + expected[0][3]).item<double>() / 2;
    EXPECT_NEAR(curves.auc[0].item<double>(), area, tolerance);
}

TEST(PerturbationCurve, PatchesAreRankedByTheirSummedAttribution)
{
    // The largest pixel (9) lies in the top-left patch, but the bottom-right patch sums to more (4 x 3 = 12).
    at::Tensor map = torch::zeros({1, 4, 4}, torch::kDouble);
    map[0][0][0] = 9.0;
    map[0].slice(0, 2, 4).slice(1, 2, 4).fill_(3.0);
    map[0][0][3] = -1.0;
    const at::Tensor ranks = core::unitRanks(map, 2);
    EXPECT_TRUE(torch::equal(ranks, torch::tensor({1, 3, 2, 0}, torch::kLong).view({1, 2, 2})));

    test::LinearScore model;
    model.weights = torch::ones({4, 4});
    const at::Tensor images = torch::ones({1, 3, 4, 4});
    core::PerturbationOptions options = onePixelPerStep(core::PerturbationMode::Deletion);
    options.patchSize = 2;
    options.steps = 4;
    const auto curves = core::perturbationCurves(model.function(), images, torch::zeros({1}, torch::kLong), map, options);
    // 48 = 3 channels x 16 pixels; each patch removes 12.
    EXPECT_TRUE(torch::allclose(curves.scores, torch::tensor({48.0, 36.0, 24.0, 12.0, 0.0}, torch::kDouble).view({1, 5})));
}

TEST(PerturbationCurve, TiesKeepRasterOrder)
{
    const at::Tensor flat = torch::ones({1, 2, 2}, torch::kDouble);
    EXPECT_TRUE(torch::equal(core::unitRanks(flat, 1), torch::tensor({0, 1, 2, 3}, torch::kLong).view({1, 2, 2})));
    const at::Tensor map = torch::tensor({0.0, 2.0, 2.0, 1.0}, torch::kDouble).view({1, 2, 2});
    EXPECT_TRUE(torch::equal(core::unitRanks(map, 1), torch::tensor({3, 0, 1, 2}, torch::kLong).view({1, 2, 2})));
}

TEST(PerturbationCurve, Baselines)
{
    const at::Tensor images = test::seededImages(2, 21, 21, 11);
    EXPECT_TRUE(torch::equal(core::perturbationBaseline(images, core::PerturbationBaseline::Zeros), torch::zeros_like(images)));
    const at::Tensor mean = core::perturbationBaseline(images, core::PerturbationBaseline::Mean);
    EXPECT_TRUE(torch::allclose(mean[1][2][7][3], images[1][2].mean()));
    EXPECT_TRUE(torch::allclose(mean[1][2], mean[1][2][0][0].expand({21, 21})));

    // Blurring a centred delta gives RISE's kernel: 11 x 11, sigma 5, sum 1, peak 1 / (sum_x g(x))^2.
    at::Tensor delta = torch::zeros({1, 3, 21, 21});
    delta.select(2, 10).select(2, 10).fill_(1.0f);
    const at::Tensor blurred = core::perturbationBaseline(delta, core::PerturbationBaseline::Blur);
    double g = 0.0;
    for (int x = -5; x <= 5; ++x)
        g += std::exp(-double(x * x) / 50.0);
    EXPECT_NEAR(blurred[0][1][10][10].item<double>(), 1.0 / (g * g), 1e-7);
    EXPECT_NEAR(blurred[0][1].sum().item<double>(), 1.0, 1e-6);
    EXPECT_EQ(blurred[0][1][10][16].item<double>(), 0.0); // outside the 11 x 11 kernel
    EXPECT_NEAR(blurred[0][1][10][15].item<double>(), std::exp(-25.0 / 50.0) / (g * g), 1e-7);
}

TEST(PerturbationCurve, ChunksNeverExceedTheBatchSizeAndDoNotChangeTheResult)
{
    const auto model = test::seededLinearScore(kH, kW, 12);
    const at::Tensor images = test::seededImages(3, kH, kW, 13);
    const at::Tensor targets = torch::zeros({3}, torch::kLong);
    core::PerturbationOptions options;
    options.steps = 5;
    options.batchSize = 4;
    const auto small = core::perturbationCurves(model.function(), images, targets, model.attribution(images), options);
    EXPECT_EQ(model.largestBatch, 4);
    EXPECT_EQ(model.calls, 5); // 18 perturbed images in chunks of 4
    options.batchSize = 64;
    const auto large = core::perturbationCurves(model.function(), images, targets, model.attribution(images), options);
    const double tolerance = sumRtol(3 * kH * kW) * model.magnitude(images).sum().item<double>();
    EXPECT_TRUE(test::allCloseAbs(small.scores, large.scores, tolerance));
}

TEST(PerturbationCurve, ProgressCountsScoredImagesAndCancels)
{
    const auto model = test::seededLinearScore(kH, kW, 14);
    const at::Tensor images = test::seededImages(2, kH, kW, 15);
    core::PerturbationOptions options;
    options.steps = 20;
    options.batchSize = 8;
    std::vector<int64_t> seen;
    const core::MetricProgress progress = [&seen](int64_t done, int64_t total) {
        seen.push_back(done);
        EXPECT_EQ(total, 42);
        return done < 16;
    };
    try {
        core::perturbationCurves(model.function(), images, torch::zeros({2}, torch::kLong), model.attribution(images),
                                 options, progress);
        FAIL() << "not cancelled";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Cancelled);
        EXPECT_STREQ(error.what(), "deletion cancelled after 16 of 42 steps");
    }
    EXPECT_EQ(seen, (std::vector<int64_t>{8, 16}));
}

TEST(PerturbationCurve, ClearErrors)
{
    const auto model = test::seededLinearScore(kH, kW, 16);
    const at::Tensor images = test::seededImages(2, kH, kW, 17);
    const at::Tensor targets = torch::zeros({2}, torch::kLong);
    at::Tensor maps = model.attribution(images);
    const auto run = [&](const at::Tensor &m, const core::PerturbationOptions &options, const at::Tensor &x) {
        return errorOf([&] { core::perturbationCurves(model.function(), x, targets, m, options); });
    };
    core::PerturbationOptions deletion, insertion;
    insertion.mode = core::PerturbationMode::Insertion;
    at::Tensor zero = maps.clone();
    zero[1].zero_();
    EXPECT_EQ(run(zero, deletion, images), "deletion: attribution map 1 is all zero (it gives no order to perturb the pixels in)");
    at::Tensor nan = maps.clone();
    nan[0][2][3] = std::nan("");
    EXPECT_EQ(run(nan, insertion, images), "insertion: attribution map 0 contains NaN");
    at::Tensor inf = maps.clone();
    inf[1][0][0] = -INFINITY;
    EXPECT_EQ(run(inf, deletion, images), "deletion: attribution map 1 contains an infinite value");
    EXPECT_EQ(run(maps.unsqueeze(1), deletion, images),
              "deletion: expected attribution maps [N, H, W] floating point, got [2, 1, 4, 5] Double");
    EXPECT_EQ(run(maps, deletion, images.transpose(2, 3)),
              "deletion: expected images [2, 3, 4, 5] floating point for maps [2, 4, 5], got [2, 3, 5, 4]");
    core::PerturbationOptions patches;
    patches.patchSize = 2;
    EXPECT_EQ(run(maps, patches, images), "deletion: the 4 x 5 maps are not divisible into 2 x 2 patches");
    core::PerturbationOptions noSteps;
    noSteps.steps = 0;
    EXPECT_EQ(run(maps, noSteps, images), "deletion: steps must be >= 1, got 0");
    core::PerturbationOptions evenKernel;
    evenKernel.blurKernel = 10;
    EXPECT_EQ(run(maps, evenKernel, images), "deletion: the blur needs an odd kernel >= 1 and sigma > 0, got 10 and 5");
    core::PerturbationOptions noBatch;
    noBatch.batchSize = 0;
    EXPECT_EQ(run(maps, noBatch, images), "deletion: batch size must be >= 1, got 0");
    EXPECT_EQ(errorOf([] { core::parsePerturbationBaseline("grey"); }),
              "unknown perturbation baseline 'grey' (expected zeros, blur or mean)");
}

} // namespace
} // namespace bcos
