// ROAD: linear imputation against a dense solve and exact ramps; MoRF/LeRF on a blob whose answer is known.
#include "core/error.h"
#include "core/eval/metrics/linearimputation.h"
#include "core/eval/metrics/road.h"
#include "tests/support/errorof.h"
#include "tests/support/linearscore.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

using test::errorOf;

/// ROAD's system written out densely for one channel: d_i x_i - sum_{j removed} w_ij x_j = sum_{j kept} w_ij v_j.
at::Tensor denseImputation(const at::Tensor &image, const at::Tensor &removed)
{
    const int64_t h = image.size(0), w = image.size(1);
    std::vector<int64_t> unknown(size_t(h * w), -1);
    int64_t count = 0;
    for (int64_t i = 0; i < h * w; ++i)
        if (removed.view({-1})[i].item<bool>())
            unknown[size_t(i)] = count++;
    at::Tensor a = torch::zeros({count, count}, torch::kDouble), b = torch::zeros({count}, torch::kDouble);
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x) {
            const int64_t row = unknown[size_t(y * w + x)];
            if (row < 0)
                continue;
            for (int64_t dy = -1; dy <= 1; ++dy)
                for (int64_t dx = -1; dx <= 1; ++dx) {
                    const int64_t ny = y + dy, nx = x + dx;
                    if ((dy == 0 && dx == 0) || ny < 0 || nx < 0 || ny >= h || nx >= w)
                        continue;
                    const double weight = dy == 0 || dx == 0 ? 1.0 / 6.0 : 1.0 / 12.0;
                    a[row][row] += weight;
                    const int64_t column = unknown[size_t(ny * w + nx)];
                    if (column >= 0)
                        a[row][column] -= weight;
                    else
                        b[row] += weight * image[ny][nx].item<double>();
                }
        }
    at::Tensor out = image.to(torch::kDouble).clone();
    out.view({-1}).index_put_({removed.view({-1})}, torch::linalg_solve(a, b));
    return out;
}

TEST(LinearImputation, MatchesADenseSolveOfRoadsSystem)
{
    const at::Tensor images = test::seededImages(2, 5, 6, 1).to(torch::kDouble);
    const at::Tensor removed = test::seededImages(2, 5, 6, 2).select(1, 0).lt(0.55);
    removed[0][0][0] = true; // a corner: three neighbours only
    removed[1][4].fill_(true); // a whole border row
    const at::Tensor imputed = core::linearImputation(images, removed);
    for (int64_t n = 0; n < 2; ++n)
        for (int64_t c = 0; c < 3; ++c)
            // Two direct solves in double of a system with condition number < 10^3: values ~1 agree to ~1e-13.
            EXPECT_TRUE(test::allCloseAbs(imputed[n][c], denseImputation(images[n][c], removed[n]), 1e-10))
                << "image " << n << " channel " << c;
    // Kept pixels keep their values exactly.
    const at::Tensor kept = removed.logical_not().unsqueeze(1).expand_as(images);
    EXPECT_TRUE(torch::equal(imputed.masked_select(kept), images.masked_select(kept)));
}

TEST(LinearImputation, ReproducesALinearRampInsideTheImage)
{
    // Symmetric neighbour weights average a linear function to its centre value, so a ramp with its border kept
    // is the exact solution, even where removed pixels neighbour each other.
    const at::Tensor y = torch::arange(7, torch::kDouble).view({1, 1, 7, 1});
    const at::Tensor x = torch::arange(6, torch::kDouble).view({1, 1, 1, 6});
    const at::Tensor channel = torch::tensor({0.0, 0.2, 0.4}, torch::kDouble).view({1, 3, 1, 1});
    const at::Tensor ramp = (0.1 * x + 0.05 * y + channel).expand({1, 3, 7, 6}).to(torch::kFloat).contiguous();
    at::Tensor removed = torch::zeros({1, 7, 6}, torch::kBool);
    removed[0].slice(0, 1, 6).slice(1, 1, 5).fill_(true);
    const at::Tensor imputed = core::linearImputation(ramp, removed);
    EXPECT_EQ(imputed.scalar_type(), torch::kFloat);
    EXPECT_TRUE(test::allCloseAbs(imputed, ramp, 1e-6)); // float32 values near 1
}

TEST(LinearImputation, RejectsMismatchedMasksAndImagesWithoutAKeptPixel)
{
    at::Tensor removed = torch::zeros({2, 4, 4}, torch::kBool);
    removed[1].fill_(true);
    EXPECT_EQ(errorOf([&] { core::linearImputation(torch::zeros({2, 3, 4, 4}), removed); }),
              "linear imputation: every pixel of image 1 is removed, none is left to impute from");
    EXPECT_EQ(errorOf([] { core::linearImputation(torch::zeros({1, 3, 4, 4}), torch::zeros({1, 4, 5}, torch::kBool)); }),
              "linear imputation: expected images [B, C, H, W] and a removal mask [B, H, W], got [1, 3, 4, 4] and [1, 4, 5]");
}

/// A 16 x 16 black image with a white 4 x 4 square at rows and columns 6..9, a model that sums the square's pixels
/// (score 48 = 3 channels x 16) and its exact attribution (3 on the square, 0 elsewhere).
struct Blob {
    at::Tensor images = torch::zeros({1, 3, 16, 16});
    test::LinearScore model;
    Blob()
    {
        images.slice(2, 6, 10).slice(3, 6, 10).fill_(1.0f);
        model.weights = torch::zeros({16, 16});
        model.weights.slice(0, 6, 10).slice(1, 6, 10).fill_(1.0f);
    }
    at::Tensor map() const { return model.attribution(images); }
};

core::RoadOptions noiseless(core::RoadOrder order, std::vector<double> percentiles)
{
    core::RoadOptions options;
    options.order = order;
    options.percentiles = std::move(percentiles);
    options.noise = 0.0;
    return options;
}

TEST(Road, MorfRemovesTheObjectAndLerfKeepsIt)
{
    const Blob blob;
    const at::Tensor targets = torch::zeros({1}, torch::kLong);
    // 6.25 % of 256 pixels = the 16 pixels of the square: MoRF takes exactly those, and imputation from their black
    // neighbours makes them black; LeRF takes 16 zero-attribution pixels (raster order: row 0).
    const auto morf = core::road(blob.model.function(), blob.images, targets, blob.map(),
                                 noiseless(core::RoadOrder::MostRelevantFirst, {6.25, 50}));
    EXPECT_TRUE(torch::equal(morf.scores, torch::zeros({1, 2}, torch::kDouble)));
    EXPECT_TRUE(torch::equal(morf.mean, torch::zeros({1}, torch::kDouble)));
    EXPECT_TRUE(torch::equal(morf.percentiles, torch::tensor({6.25, 50.0}, torch::kDouble)));
    const auto lerf = core::road(blob.model.function(), blob.images, targets, blob.map(),
                                 noiseless(core::RoadOrder::LeastRelevantFirst, {6.25, 50, 90}));
    EXPECT_TRUE(torch::equal(lerf.scores, torch::full({1, 3}, 48.0, torch::kDouble)));
}

TEST(Road, NoiseTouchesOnlyImputedPixelsAndIsAFunctionOfTheSeed)
{
    const Blob blob;
    const at::Tensor images = blob.images.expand({3, 3, 16, 16}).contiguous(), targets = torch::zeros({3}, torch::kLong);
    const at::Tensor maps = blob.map().expand({3, 16, 16});
    core::RoadOptions options = noiseless(core::RoadOrder::LeastRelevantFirst, {6.25, 20});
    options.noise = 0.5;
    // LeRF removes only black background pixels: the noisy imputation never reaches the square.
    const auto lerf = core::road(blob.model.function(), images, targets, maps, options);
    EXPECT_TRUE(torch::equal(lerf.scores, torch::full({3, 2}, 48.0, torch::kDouble)));

    options.order = core::RoadOrder::MostRelevantFirst;
    options.batchSize = 1;
    const auto one = core::road(blob.model.function(), images, targets, maps, options);
    options.batchSize = 64;
    const auto all = core::road(blob.model.function(), images, targets, maps, options);
    // The square is imputed as 0 + noise: 48 draws of N(0, 0.25), the same whatever the chunking...
    EXPECT_TRUE(torch::equal(one.scores, all.scores));
    EXPECT_GT(all.scores.abs().min().item<double>(), 0.0);
    // ...but different for each image and percentile, and for another seed.
    EXPECT_NE(all.scores[0][0].item<double>(), all.scores[1][0].item<double>());
    EXPECT_NE(all.scores[0][0].item<double>(), all.scores[0][1].item<double>());
    options.seed = 1;
    EXPECT_FALSE(torch::equal(core::road(blob.model.function(), images, targets, maps, options).scores, all.scores));
}

TEST(Road, ScalingTheMapByAPositiveConstantChangesNothing)
{
    const auto model = test::seededLinearScore(8, 8, 3);
    const at::Tensor images = test::seededImages(2, 8, 8, 4), targets = torch::zeros({2}, torch::kLong);
    const at::Tensor maps = model.attribution(images);
    for (const auto order : {core::RoadOrder::MostRelevantFirst, core::RoadOrder::LeastRelevantFirst}) {
        core::RoadOptions options;
        options.order = order;
        const auto plain = core::road(model.function(), images, targets, maps, options);
        const auto scaled = core::road(model.function(), images, targets, maps * 250.0, options);
        EXPECT_TRUE(torch::equal(plain.scores, scaled.scores));
    }
}

TEST(Road, ClearErrors)
{
    const Blob blob;
    const at::Tensor targets = torch::zeros({1}, torch::kLong);
    const auto run = [&](const at::Tensor &maps, const core::RoadOptions &options) {
        return errorOf([&] { core::road(blob.model.function(), blob.images, targets, maps, options); });
    };
    core::RoadOptions options;
    EXPECT_EQ(run(torch::zeros({1, 16, 16}), options),
              "ROAD MoRF: attribution map 0 is all zero (it gives no order to remove the pixels in)");
    at::Tensor nan = blob.map().clone();
    nan[0][5][5] = std::nan("");
    options.order = core::RoadOrder::LeastRelevantFirst;
    EXPECT_EQ(run(nan, options), "ROAD LeRF: attribution map 0 contains NaN");
    options.percentiles = {10, 100};
    EXPECT_EQ(run(blob.map(), options), "ROAD LeRF: percentiles must lie in (0, 100), got 100");
    options.percentiles = {};
    EXPECT_EQ(run(blob.map(), options), "ROAD LeRF: no percentiles given");
    options.percentiles = {50};
    options.noise = -1;
    EXPECT_EQ(run(blob.map(), options), "ROAD LeRF: the noise must be a finite number >= 0, got -1");
}

TEST(Road, ProgressCancels)
{
    const Blob blob;
    core::RoadOptions options;
    options.batchSize = 4;
    try {
        core::road(blob.model.function(), blob.images, torch::zeros({1}, torch::kLong), blob.map(), options,
                   [](int64_t, int64_t) { return false; });
        FAIL() << "not cancelled";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Cancelled);
        EXPECT_STREQ(error.what(), "ROAD MoRF cancelled after 4 of 9 steps");
    }
}

} // namespace
} // namespace bcos
