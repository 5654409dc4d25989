// Real-world checkpoint files (../shared/fixtures/checkpoints): every one loads through loadWeightsFile() with the
// tensors torch.load reads (dtype, shape and an FNV-1a hash of the bytes, recorded once with torch 1.13 in
// data/checkpoint_digests.json by data/make_checkpoint_digests.py) and lists the foreign globals it skipped.
// Opening them as networks: zoocli_test.cpp.
#include "core/io/weightsfile.h"
#include "tests/support/buildpaths.h"
#include "tests/support/golden.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>

namespace bcos {
namespace {

std::filesystem::path fixturesDir()
{
    const char *env = std::getenv("BCOS_FIXTURES_DIR");
    return env && *env ? std::filesystem::path(env) : test::goldenDir().parent_path() / "fixtures" / "checkpoints";
}

std::string fnv1a(const at::Tensor &tensor)
{
    const at::Tensor bytes = tensor.contiguous();
    const auto *data = static_cast<const unsigned char *>(bytes.data_ptr());
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < static_cast<std::size_t>(bytes.numel()) * bytes.element_size(); ++i)
        hash = (hash ^ data[i]) * 0x100000001b3ULL;
    return fmt::format("{:016x}", hash);
}

nlohmann::json digests()
{
    std::ifstream in(std::filesystem::path(test::sourceDir()) / "tests" / "zoo" / "data" / "checkpoint_digests.json");
    return nlohmann::json::parse(in);
}

class Checkpoint : public ::testing::TestWithParam<std::string> {};

TEST_P(Checkpoint, LoadsWithTheTensorsTorchLoadReads)
{
    const auto expected = digests().at(GetParam());
    const core::WeightsFile weights = core::loadWeightsFile(fixturesDir() / GetParam());
    ASSERT_EQ(weights.tensors.size(), expected.size());
    for (const auto &[name, digest] : expected.items()) {
        const at::Tensor *tensor = weights.tensors.find(name);
        ASSERT_NE(tensor, nullptr) << name;
        EXPECT_EQ(std::string(c10::toString(tensor->scalar_type())),
                  digest.at("dtype").get<std::string>() == "float32" ? "Float" : "Long") << name;
        EXPECT_EQ(tensor->sizes().vec(), digest.at("shape").get<std::vector<int64_t>>()) << name;
        EXPECT_EQ(fnv1a(*tensor), digest.at("fnv1a").get<std::string>()) << name;
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Checkpoint,
                         ::testing::Values("lightning_bcosified_resnet.ckpt", "torchvision_resnet18_10cls.pth",
                                           "bcosv2_resnet_state_dict.pth", "numpy_in_state_dict.pth"),
                         [](const auto &info) {
                             std::string name = info.param.substr(0, info.param.find('.'));
                             return name;
                         });

TEST(Checkpoints, LightningCheckpointListsItsForeignGlobalsAndKeepsItsHyperParameters)
{
    const core::WeightsFile weights = core::loadWeightsFile(fixturesDir() / "lightning_bcosified_resnet.ckpt");
    EXPECT_EQ(weights.format, "lightning-ckpt");
    EXPECT_EQ(weights.foreignGlobals,
              (std::vector<std::string>{"pathlib.PosixPath", "numpy.core.multiarray.scalar", "numpy.dtype",
                                        "_codecs.encode"}));
    EXPECT_EQ(weights.metadata.value("hyper_parameters.model.name"), "resnet18");
    // numpy scalars (and what they would become) stay placeholders: their bytes are never interpreted.
    EXPECT_EQ(weights.metadata.value("hyper_parameters.data.num_classes"), "<numpy.core.multiarray.scalar>");
    EXPECT_EQ(weights.metadata.value("hyper_parameters.args.experiment_name"), "resnet_18");
}

TEST(Checkpoints, NumpyArraysAreSkippedNotExecuted)
{
    const core::WeightsFile weights = core::loadWeightsFile(fixturesDir() / "numpy_in_state_dict.pth");
    EXPECT_EQ(weights.foreignGlobals, (std::vector<std::string>{"numpy.core.multiarray._reconstruct",
                                                                "numpy.ndarray", "_codecs.encode", "numpy.dtype"}));
    EXPECT_EQ(weights.metadata.value("class_means"), "<numpy.core.multiarray._reconstruct>");
}

} // namespace
} // namespace bcos
