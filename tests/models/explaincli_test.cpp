// bcos explain for every method: the output contract (names, shapes, dtypes), GradCAM against the reference,
// --targets files and --png exports.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <fstream>

namespace bcos {
namespace {

using Shape = std::vector<int64_t>;

/// The golden resnet_basic weights converted with `bcos convert`, and the gradcam case's images.
class ExplainCliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        core::writeSafetensors(m_dir / "weights.safetensors", m_resnet.standardStateDict());
        std::ofstream(m_dir / "arch.json") << m_resnet.json().at("arch").dump();
        // B-cosified as the case was: its B, max-out and logit bias.
        std::vector<std::string> convert{"--arch", path("arch.json"), "--weights", path("weights.safetensors"),
                                         "--out", path("model.safetensors")};
        const auto options = test::goldenConvertOptions(m_resnet);
        convert.insert(convert.end(), options.begin(), options.end());
        ASSERT_EQ(cli::runConvert(convert), 0);
        core::TensorMap images;
        images.insert("images", m_gradcam.tensor("input.image"));
        core::writeSafetensors(m_dir / "images.safetensors", images);
    }
    std::string path(const std::string &name) const { return (m_dir / name).string(); }

    /// bcos explain --model model.safetensors --input images.safetensors --out OUT extra... -> OUT's contents.
    core::SafetensorsContents explain(const std::vector<std::string> &extra, const std::string &out = "e.safetensors")
    {
        std::vector<std::string> args{"--model", path("model.safetensors"), "--input", path("images.safetensors"),
                                      "--out", path(out)};
        args.insert(args.end(), extra.begin(), extra.end());
        EXPECT_EQ(cli::runExplain(args), 0);
        return core::readSafetensors(path(out));
    }

    test::GoldenCase m_resnet{"resnet_basic"};
    test::GoldenCase m_gradcam{"gradcam"};
    test::TempDir m_dir;
};

std::vector<std::string> names(const core::TensorMap &tensors)
{
    std::vector<std::string> out;
    for (const auto &item : tensors)
        out.push_back(item.key());
    return out;
}

TEST_F(ExplainCliTest, EveryMethodWritesTheContract)
{
    const std::vector<std::pair<std::string, std::vector<std::string>>> methods{
        {"wxx", {"logits", "targets", "attributions", "dynamic_weights", "contributions", "rgba"}},
        {"gradcam", {"logits", "targets", "attributions", "cam"}},
        {"ixg", {"logits", "targets", "attributions"}},
        {"intgrad", {"logits", "targets", "attributions"}},
        {"guided", {"logits", "targets", "attributions"}},
        {"occlusion", {"logits", "targets", "attributions"}},
        {"rise", {"logits", "targets", "attributions"}},
    };
    // Shapes from the case: N images of H x W, K classes; the last class as the target (any K has it); an occlusion
    // window of half the shorter side.
    const at::Tensor images = m_gradcam.tensor("input.image");
    const int64_t n = images.size(0), height = images.size(2), width = images.size(3);
    const int64_t classes = m_resnet.json().at("arch").at("num_classes").get<int64_t>();
    const int64_t side = std::max<int64_t>(1, std::min(height, width) / 2);
    const std::string window = std::to_string(side);
    at::Tensor logits;
    for (const auto &[method, expected] : methods) {
        SCOPED_TRACE(method);
        const auto out = explain({"--method", method, "--target", std::to_string(classes - 1), "--steps", "4",
                                  "--window", window, "--stride", window, "--masks", "16", "--seed", "5"});
        EXPECT_EQ(names(out.tensors), expected);
        EXPECT_EQ(out.metadata.value("method"), method);
        EXPECT_EQ(out.tensors["logits"].sizes(), (Shape{n, classes}));
        EXPECT_EQ(out.tensors["targets"].scalar_type(), torch::kLong);
        EXPECT_TRUE(torch::equal(out.tensors["targets"], torch::full({n}, classes - 1, torch::kLong)));
        EXPECT_EQ(out.tensors["attributions"].sizes(), (Shape{n, height, width}));
        EXPECT_TRUE(torch::isfinite(out.tensors["attributions"]).all().item<bool>());
        if (!logits.defined())
            logits = out.tensors["logits"];
        EXPECT_TRUE(torch::allclose(out.tensors["logits"], logits, 1e-5, 1e-6));
        if (method == "wxx") {
            EXPECT_EQ(out.tensors["dynamic_weights"].sizes(), (Shape{n, 6, height, width}));
            EXPECT_TRUE(torch::equal(out.tensors["contributions"], out.tensors["attributions"]));
            EXPECT_EQ(out.tensors["rgba"].sizes(), (Shape{n, height, width, 4}));
        }
        if (method == "gradcam") // [N, h, w] at the feature map's resolution, as the reference's cam
            EXPECT_EQ(out.tensors["cam"].sizes(), m_gradcam.tensor("expected.bcosified.cam").squeeze(1).sizes());
    }
    const auto occlusion = explain({"--method", "occlusion", "--window", window, "--stride", window}, "o.safetensors");
    EXPECT_EQ(nlohmann::json::parse(occlusion.metadata.value("parameters")),
              (nlohmann::json{{"window", side}, {"stride", side}, {"batch_size", 64}}));
}

TEST_F(ExplainCliTest, GradCamMatchesTheReference)
{
    std::ofstream targets(path("targets.txt"));
    const at::Tensor target = m_gradcam.tensor("input.target");
    for (int64_t i = 0; i < target.size(0); ++i)
        targets << target[i].item<int64_t>() << "\n";
    targets.close();
    const auto out = explain({"--method", "gradcam", "--targets", path("targets.txt")});
    EXPECT_TRUE(torch::equal(out.tensors["targets"], target));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["cam"], m_gradcam.tensor("expected.bcosified.cam").squeeze(1), 1e-3,
                                     5e-5));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["attributions"],
                                     m_gradcam.tensor("expected.bcosified.cam_upsampled").squeeze(1), 1e-3, 5e-5));
    const auto mean = explain({"--method", "gradcam", "--targets", path("targets.txt"), "--gradcam-weights", "mean"},
                              "mean.safetensors");
    EXPECT_TRUE(test::allCloseGolden(mean.tensors["cam"],
                                     m_gradcam.tensor("expected.bcosified.cam_mean_weights").squeeze(1), 1e-3, 5e-5));

    // The standard network straight from its weights, with the targets as a safetensors file.
    core::TensorMap targetFile;
    targetFile.insert("targets", target);
    core::writeSafetensors(path("targets.safetensors"), targetFile);
    ASSERT_EQ(cli::runExplain({"--arch", path("arch.json"), "--weights", path("weights.safetensors"), "--input",
                               path("images.safetensors"), "--out", path("s.safetensors"), "--method", "gradcam",
                               "--targets", path("targets.safetensors")}),
              0);
    const auto standard = core::readSafetensors(path("s.safetensors"));
    EXPECT_TRUE(test::allCloseGolden(standard.tensors["cam"], m_gradcam.tensor("expected.standard.cam").squeeze(1),
                                     1e-3, 5e-5));
}

std::string errorOfExplain(const std::vector<std::string> &args)
{
    try {
        cli::runExplain(args);
    } catch (const cli::UsageError &error) {
        return error.message;
    } catch (const core::Error &error) {
        return error.what();
    }
    return "no error";
}

TEST_F(ExplainCliTest, BadTargetsAndOptionsAreReported)
{
    const std::vector<std::string> base{"--model", path("model.safetensors"), "--input", path("images.safetensors"),
                                        "--out", path("x.safetensors")};
    auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.begin(), base.begin(), base.end());
        return errorOfExplain(extra);
    };
    const int64_t n = m_gradcam.tensor("input.image").size(0);
    std::ofstream three(path("three.txt")); // one target more than images
    for (int64_t i = 0; i <= n; ++i)
        three << "0\n";
    three.close();
    EXPECT_EQ(with({"--targets", path("three.txt")}),
              fmt::format("{}: {} targets for {} images", path("three.txt"), n + 1, n));
    std::ofstream(path("bad.txt")) << "1\ncat\n";
    EXPECT_EQ(with({"--targets", path("bad.txt")}), path("bad.txt") + ":2: expected a class index, got 'cat'");
    core::TensorMap floats;
    floats.insert("targets", torch::zeros({n}));
    core::writeSafetensors(path("floats.safetensors"), floats);
    EXPECT_EQ(with({"--targets", path("floats.safetensors")}),
              fmt::format("{}: 'targets' must be [{}] integer classes, got [{}] Float", path("floats.safetensors"), n,
                          n));
    EXPECT_EQ(with({"--target", "1", "--targets", path("three.txt")}), "give either --target or --targets, not both");
    EXPECT_EQ(with({"--method", "gradcam", "--gradcam-weights", "max"}), "--gradcam-weights expects sum or mean, got 'max'");
    EXPECT_EQ(with({"--method", "intgrad", "--steps", "0"}), "--steps must be a positive number, got 0");
    // Checked as they are read, not deep in the rendering after the explanation ran.
    EXPECT_EQ(with({"--smooth", "4"}), "--smooth must be 0 or an odd kernel size (1, 3, 5, ...), got 4");
    EXPECT_EQ(with({"--alpha-percentile", "0"}), "--alpha-percentile must be above 0 and at most 100, got 0");
    EXPECT_EQ(with({"--target", "99999999999999999999"}),
              "--target expects 'pred' or a class index, got '99999999999999999999'");
    EXPECT_EQ(with({"--method", "rise", "--seed", "-1"}), "--seed must be 0 or a positive number, got -1");
}

/// --chunk 1 explains the images one pass each, the default as many per pass as the memory holds: the same file
/// (to fp32 rounding: each image is explained on its own, only the order of sums in a batched convolution changes).
TEST_F(ExplainCliTest, PassesOfAnySizeWriteTheSameExplanation)
{
    for (const std::string method : {"wxx", "gradcam"}) {
        SCOPED_TRACE(method);
        const auto whole = explain({"--method", method}, "whole.safetensors");
        const auto single = explain({"--method", method, "--chunk", "1"}, "single.safetensors");
        EXPECT_TRUE(torch::equal(single.tensors["targets"], whole.tensors["targets"]));
        EXPECT_TRUE(test::allCloseGolden(single.tensors["logits"], whole.tensors["logits"], 1e-4, 1e-5));
        EXPECT_TRUE(test::allCloseGolden(single.tensors["attributions"], whole.tensors["attributions"], 1e-3, 5e-5));
    }
    const std::vector<std::string> base{"--model", path("model.safetensors"), "--input", path("images.safetensors"),
                                        "--out", path("x.safetensors")};
    auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.begin(), base.begin(), base.end());
        return errorOfExplain(extra);
    };
    // --input A B (a shell glob) gives --input both files (before, B was left out without a word): here two
    // tensor files, which bcos explain refuses together.
    EXPECT_EQ(errorOfExplain({"--model", path("model.safetensors"), "--input", path("images.safetensors"),
                              path("images.safetensors"), "--out", path("two.safetensors")}),
              "give one .safetensors input or image files, not both");
    EXPECT_EQ(with({"--chunk", "-2"}), "--chunk must be a number of images >= 1 (or 0: from the memory), got -2");
    EXPECT_EQ(with({"--device", "gpu7"}), "option --device expects cpu, cuda, cuda:N or auto, got 'gpu7'");
    if (!torch::cuda::is_available())
        EXPECT_EQ(with({"--device", "cuda:1"}), "device 'cuda:1' requested but no CUDA device is available");
}

#ifdef BCOS_HAVE_OPENCV
TEST_F(ExplainCliTest, PngExportWritesImagesAndRecipe)
{
    // The golden case's images: their count and size, whatever the case holds.
    const at::Tensor images = m_gradcam.tensor("input.image");
    const int64_t count = images.size(0);
    const core::ModelDescription description = core::readModelDescription(path("model.safetensors"));
    for (const std::string method : {"wxx", "gradcam"}) {
        SCOPED_TRACE(method);
        const auto dir = m_dir / ("png-" + method);
        testing::internal::CaptureStdout();
        explain({"--method", method, "--png", dir.string()});
        const std::string printed = testing::internal::GetCapturedStdout();
        const auto logits = core::readSafetensors(path("e.safetensors"));
        std::string expected; // a line per image: the tensor file's image, its PNG folder, the class explained
        for (int64_t i = 0; i < count; ++i) {
            const int64_t k = logits.tensors["targets"][i].item<int64_t>();
            expected += fmt::format("{}[{}] -> {}/image{}: explained {} (logit {:.4f})\n",
                                    path("images.safetensors"), i, dir.string(), i, description.className(k),
                                    logits.tensors["logits"][i][k].item<double>());
        }
        EXPECT_EQ(printed, expected);
        for (int64_t i = 0; i < count; ++i)
            for (const char *file : {"input.png", "map.png", "overlay.png"}) {
                const auto png = dir / ("image" + std::to_string(i)) / file;
                ASSERT_TRUE(std::filesystem::exists(png)) << png;
                // PNG header: width and height are big-endian at bytes 16..23.
                std::ifstream in(png, std::ios::binary);
                unsigned char header[26] = {};
                in.read(reinterpret_cast<char *>(header), 26);
                const auto be = [&](int at) {
                    return (header[at] << 24) | (header[at + 1] << 16) | (header[at + 2] << 8) | header[at + 3];
                };
                EXPECT_EQ(be(16), images.size(3));
                EXPECT_EQ(be(20), images.size(2));
                // IHDR colour type: 6 = RGBA (the wxx explanation), 2 = RGB
                const bool rgba = method == "wxx" && std::string(file) == "map.png";
                EXPECT_EQ(header[25], rgba ? 6 : 2);
            }
        std::ifstream recipeFile(dir / "recipe.json");
        const auto recipe = nlohmann::json::parse(recipeFile);
        EXPECT_EQ(recipe["method"], method);
        EXPECT_EQ(recipe["model"]["model"], path("model.safetensors"));
        EXPECT_EQ(recipe["inputs"], (std::vector<std::string>{path("images.safetensors")}));
        EXPECT_EQ(recipe["tool"], "bcos explain");
        EXPECT_FALSE(recipe["version"].get<std::string>().empty());
        EXPECT_EQ(static_cast<int64_t>(recipe["targets"].size()), count);
    }
}
#endif

} // namespace
} // namespace bcos
