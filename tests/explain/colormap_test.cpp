#include "core/error.h"
#include "core/explain/colormap.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

at::Tensor rgb(double r, double g, double b) { return torch::tensor({float(r), float(g), float(b)}); }

TEST(Colormap, TablesHoldMatplotlibValues)
{
    const at::Tensor bwr = core::colormapTable(core::Colormap::Bwr);
    EXPECT_TRUE(torch::equal(bwr[0], rgb(0, 0, 1)));
    EXPECT_TRUE(torch::equal(bwr[255], rgb(1, 0, 0)));
    EXPECT_TRUE(torch::allclose(bwr[127], rgb(254.0 / 255, 254.0 / 255, 1)));
    EXPECT_TRUE(torch::allclose(bwr[128], rgb(1, 254.0 / 255, 254.0 / 255)));
    const at::Tensor jet = core::colormapTable(core::Colormap::Jet);
    EXPECT_TRUE(torch::equal(jet[0], rgb(0, 0, 0.5)));
    EXPECT_TRUE(torch::equal(jet[255], rgb(0.5, 0, 0)));
    const at::Tensor viridis = core::colormapTable(core::Colormap::Viridis);
    EXPECT_TRUE(torch::equal(viridis[0], rgb(0.267004, 0.004874, 0.329415)));
    EXPECT_TRUE(torch::equal(viridis[128], rgb(0.127568, 0.566949, 0.550556)));
    EXPECT_TRUE(torch::equal(viridis[255], rgb(0.993248, 0.906157, 0.143936)));
    const at::Tensor gray = core::colormapTable(core::Colormap::Gray);
    EXPECT_TRUE(torch::allclose(gray.select(1, 1), torch::arange(256, torch::kFloat) / 255));
}

TEST(Colormap, LookupUsesFloorOf256T)
{
    const at::Tensor values = torch::tensor({0.0f, 0.5f, 0.999f, 1.0f, 1.5f}).view({1, 1, 5});
    const at::Tensor colors = core::applyColormap(values, core::Colormap::Gray);
    EXPECT_EQ(colors.sizes(), (std::vector<int64_t>{1, 1, 5, 3}));
    const at::Tensor expected = torch::tensor({0.0f, 128.0f / 255, 1.0f, 1.0f, 1.0f});
    EXPECT_TRUE(torch::allclose(colors[0][0].select(1, 0), expected));
}

TEST(Colormap, SymmetricScaleMapsZeroToTheMiddle)
{
    const at::Tensor maps = torch::tensor({-2.0f, 0.0f, 1.0f, 2.0f}).view({1, 2, 2});
    core::ColorScale scale;
    scale.percentile = 100;
    const at::Tensor t = core::scaleMaps(maps, scale);
    EXPECT_TRUE(torch::allclose(t.flatten(), torch::tensor({0.0f, 0.5f, 0.75f, 1.0f})));
    const at::Tensor colors = core::colorizeMaps(maps, core::Colormap::Bwr, scale);
    EXPECT_TRUE(torch::equal(colors[0][0][0], rgb(0, 0, 1)));
    EXPECT_TRUE(torch::equal(colors[0][1][1], rgb(1, 0, 0)));
}

TEST(Colormap, PercentileClipsOutliers)
{
    // |v| = 0..100: the 50th percentile is 50, so 100 clips to 1 and 25 maps to 0.75.
    const at::Tensor maps = torch::arange(101, torch::kFloat).view({1, 1, 101});
    core::ColorScale scale;
    scale.percentile = 50;
    const at::Tensor t = core::scaleMaps(maps, scale);
    EXPECT_FLOAT_EQ(t[0][0][100].item<float>(), 1.0f);
    EXPECT_FLOAT_EQ(t[0][0][25].item<float>(), 0.75f);
    scale.symmetric = false;
    scale.percentile = 90; // range 10..90
    const at::Tensor u = core::scaleMaps(maps, scale);
    EXPECT_FLOAT_EQ(u[0][0][5].item<float>(), 0.0f);
    EXPECT_FLOAT_EQ(u[0][0][50].item<float>(), 0.5f);
    EXPECT_FLOAT_EQ(u[0][0][95].item<float>(), 1.0f);
}

TEST(Colormap, PerImageVersusSharedScale)
{
    const at::Tensor maps = torch::stack({torch::full({2, 2}, 1.0f), torch::full({2, 2}, 4.0f)});
    core::ColorScale scale;
    scale.percentile = 100;
    EXPECT_TRUE(torch::allclose(core::scaleMaps(maps, scale), torch::ones({2, 2, 2})));
    scale.perImage = false;
    const at::Tensor shared = core::scaleMaps(maps, scale);
    EXPECT_FLOAT_EQ(shared[0][0][0].item<float>(), 0.625f);
    EXPECT_FLOAT_EQ(shared[1][0][0].item<float>(), 1.0f);
    // A constant map has no range: middle for symmetric maps, 0 otherwise.
    scale.perImage = true;
    EXPECT_TRUE(torch::allclose(core::scaleMaps(torch::zeros({1, 2, 2}), scale), torch::full({1, 2, 2}, 0.5f)));
    scale.symmetric = false;
    EXPECT_TRUE(torch::equal(core::scaleMaps(torch::full({1, 2, 2}, 3.0f), scale), torch::zeros({1, 2, 2})));
}

TEST(Colormap, ScaleRangesAreTheValuesAtTheMapsEnds)
{
    // Row 0: -3..1 (|v| max 3), row 1: 0..8 (|v| max 8).
    const at::Tensor maps = torch::stack({torch::tensor({-3.0f, 0.0f, 1.0f, 0.5f}).view({2, 2}),
                                          torch::tensor({0.0f, 2.0f, 8.0f, 4.0f}).view({2, 2})});
    core::ColorScale scale;
    scale.percentile = 100;
    const at::Tensor perImage = core::scaleRanges(maps, scale);
    ASSERT_EQ(perImage.sizes(), at::IntArrayRef({2, 2}));
    EXPECT_DOUBLE_EQ(perImage[0][0].item<double>(), -3.0);
    EXPECT_DOUBLE_EQ(perImage[0][1].item<double>(), 3.0);
    EXPECT_DOUBLE_EQ(perImage[1][1].item<double>(), 8.0);
    // The ends of the range are where scaleMaps() puts 0 and 1.
    const at::Tensor scaled = core::scaleMaps(maps, scale);
    EXPECT_FLOAT_EQ(scaled[0][0][0].item<float>(), 0.0f);
    EXPECT_FLOAT_EQ(scaled[1][1][0].item<float>(), 1.0f);
    scale.perImage = false;
    const at::Tensor shared = core::scaleRanges(maps, scale);
    EXPECT_DOUBLE_EQ(shared[0][1].item<double>(), 8.0);
    EXPECT_DOUBLE_EQ(shared[1][0].item<double>(), -8.0);
    scale.perImage = true;
    scale.symmetric = false;
    scale.percentile = 75; // linear interpolation: row 1 sorted 0, 2, 4, 8 -> q(0.25) = 1.5, q(0.75) = 5
    const at::Tensor asymmetric = core::scaleRanges(maps, scale);
    EXPECT_DOUBLE_EQ(asymmetric[1][0].item<double>(), 1.5);
    EXPECT_DOUBLE_EQ(asymmetric[1][1].item<double>(), 5.0);
    EXPECT_THROW(core::scaleRanges(torch::zeros({2, 2}), scale), core::Error);
}

TEST(Colormap, OverlayBlendsWithScalarOrPerPixelAlpha)
{
    const at::Tensor image = torch::full({1, 3, 1, 2}, 0.5f);
    const at::Tensor colors = torch::tensor({1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f}).view({1, 1, 2, 3});
    const at::Tensor half = core::overlayColors(image, colors, 0.5);
    EXPECT_TRUE(torch::allclose(half[0][0][0], rgb(0.75, 0.25, 0.25)));
    const at::Tensor alpha = torch::tensor({0.0f, 1.0f}).view({1, 1, 2});
    const at::Tensor mixed = core::overlayColors(image, colors, alpha);
    EXPECT_TRUE(torch::allclose(mixed[0][0][0], rgb(0.5, 0.5, 0.5)));
    EXPECT_TRUE(torch::allclose(mixed[0][0][1], rgb(0, 0, 1)));
    try {
        core::overlayColors(torch::zeros({1, 3, 2, 2}), colors, 0.5);
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_STREQ(error.what(), "overlay: expected images [N, 3, H, W] and colours [N, H, W, 3], got [1, 3, 2, 2] and [1, 1, 2, 3]");
    }
}

TEST(Colormap, NamesAndErrors)
{
    EXPECT_EQ(core::parseColormap("viridis"), core::Colormap::Viridis);
    EXPECT_EQ(core::colormapName(core::Colormap::Jet), "jet");
    try {
        core::parseColormap("hot");
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_STREQ(error.what(), "unknown colour map 'hot' (expected one of: bwr, jet, viridis, gray)");
    }
    try {
        core::scaleMaps(torch::zeros({4, 4}), {});
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_STREQ(error.what(), "colour map: expected attribution maps [N, H, W], got [4, 4]");
    }
}

} // namespace
} // namespace bcos
