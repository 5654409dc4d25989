// Loading foreign weights (prefixes, readable mismatch diffs) and our model file (save/load round trip).
#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos {
namespace {

using test::errorOf;

core::TensorMap withPrefix(const core::TensorMap &map, const std::string &prefix)
{
    core::TensorMap out;
    for (const auto &item : map)
        out.insert(prefix + item.key(), item.value());
    return out;
}

TEST(LoadWeights, StripsWrapperPrefixesAndAddsTheNetworkPrefix)
{
    const test::GoldenCase golden("resnet_basic");
    const auto weights = golden.standardStateDict();
    core::Network network = core::buildNetwork(test::goldenStandardDescription(golden));
    // DataParallel + Lightning wrappers around a backbone, loaded into the backbone.
    core::loadStateDict(network->model(), withPrefix(withPrefix(weights, "module."), "state_dict."), "wrapped");
    EXPECT_TRUE(torch::equal(core::stateDict(network->model())["fc.weight"], weights["fc.weight"]));
    // A backbone checkpoint loaded into the whole Network ("model." is added).
    core::Network other = core::buildNetwork(test::goldenStandardDescription(golden));
    core::loadStateDict(*other, weights, "backbone");
    EXPECT_TRUE(torch::equal(core::stateDict(*other)["model.layer4.0.conv2.weight"], weights["layer4.0.conv2.weight"]));
}

TEST(LoadWeights, MissingBatchCountersAreAccepted)
{
    const test::GoldenCase golden("densenet");
    core::TensorMap weights;
    for (const auto &item : golden.standardStateDict())
        if (item.key().find("num_batches_tracked") == std::string::npos)
            weights.insert(item.key(), item.value());
    core::Network network = core::buildNetwork(test::goldenStandardDescription(golden));
    EXPECT_NO_THROW(core::loadStateDict(network->model(), weights, "old checkpoint"));
}

TEST(LoadWeights, WrongClassCountGivesReadableDiff)
{
    const test::GoldenCase golden("resnet_basic");
    core::ModelDescription description = test::goldenStandardDescription(golden);
    description.architecture["num_classes"] = 1000;
    EXPECT_EQ(errorOf([&] { core::loadStandardNetwork(description, golden.standardStateDict(), "w.safetensors"); }),
              "weights from w.safetensors do not fit the model: 2 shape mismatches (fc.weight: file [10, 512], "
              "model [1000, 512], fc.bias: file [10], model [1000])");
    try {
        core::loadStandardNetwork(description, golden.standardStateDict(), "w.safetensors");
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Mismatch);
    }
}

TEST(LoadWeights, WrongArchitectureGivesCappedDiff)
{
    const test::GoldenCase golden("resnet_basic");
    core::ModelDescription description = test::goldenStandardDescription(golden);
    description.architecture["block"] = "bottleneck";
    // BasicBlock weights into a Bottleneck ResNet: conv3/bn3 (4 x 5 keys) and layer1's downsample (5) are
    // missing; each conv1 (3x3 -> 1x1), the downsample convs and norms of layers 2-4 (4 x expansion) and fc
    // have other shapes (1 + 3 x 6 + 1); num_batches_tracked is never reported.
    EXPECT_EQ(
        errorOf([&] { core::loadStandardNetwork(description, golden.standardStateDict(), "basic.safetensors"); }),
        "weights from basic.safetensors do not fit the model: 25 missing keys (layer1.0.conv3.weight, "
        "layer1.0.bn3.weight, layer1.0.bn3.bias, layer1.0.bn3.running_mean, layer1.0.bn3.running_var, and 20 more); "
        "20 shape mismatches (layer1.0.conv1.weight: file [64, 64, 3, 3], model [64, 64, 1, 1], "
        "layer2.0.conv1.weight: file [128, 64, 3, 3], model [128, 256, 1, 1], layer2.0.downsample.0.weight: "
        "file [128, 64, 1, 1], model [512, 256, 1, 1], layer2.0.downsample.1.weight: file [128], model [512], "
        "layer2.0.downsample.1.bias: file [128], model [512], and 15 more)");
}

TEST(LoadWeights, UnexpectedKeysAreListed)
{
    const test::GoldenCase golden("resnet_basic");
    core::TensorMap weights = golden.standardStateDict();
    weights.insert("head.weight", torch::zeros({3}));
    core::Network network = core::buildNetwork(test::goldenStandardDescription(golden));
    EXPECT_EQ(errorOf([&] { core::loadStateDict(network->model(), weights, "x.pth"); }),
              "weights from x.pth do not fit the model: 1 unexpected key (head.weight)");
}

TEST(ModelFile, ConvertSaveLoadIsBitIdentical)
{
    test::TempDir dir;
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::BcosSettings settings = test::goldenBcosSettings(golden);
        settings.keepBiases = std::string(name) == "densenet"; // exercise the optional tensors too
        core::Network network = test::goldenBcosNetwork(golden, settings);
        network->description().classNames = {"a", "b"};
        network->description().provenance = {{"source", "golden"}};
        const auto path = dir / (std::string(name) + ".safetensors");
        core::saveModel(path, *network);

        core::Network loaded = core::loadModel(path);
        EXPECT_EQ(loaded->description().toJson(), network->description().toJson());
        EXPECT_FALSE(loaded->is_training());
        const auto original = core::stateDict(*network);
        const auto reloaded = core::stateDict(*loaded);
        ASSERT_EQ(original.size(), reloaded.size());
        for (const auto &item : original)
            EXPECT_TRUE(torch::equal(item.value(), reloaded[item.key()])) << item.key();
        torch::NoGradGuard noGrad;
        const at::Tensor input = network->encode(golden.tensor("input.image"));
        EXPECT_TRUE(torch::equal(network->forward(input), loaded->forward(input)));

        const auto contents = core::readSafetensors(path);
        EXPECT_EQ(contents.metadata.value("format"), "bcos-model-v1");
        EXPECT_EQ(core::readModelDescription(path).bcos.keepBiases, settings.keepBiases);
    }
}

TEST(ModelFile, StandardNetworkRoundTrip)
{
    test::TempDir dir;
    const test::GoldenCase golden("resnet_bottleneck");
    core::Network network = test::goldenStandardNetwork(golden);
    core::saveModel(dir / "std.safetensors", *network);
    core::Network loaded = core::loadModel(dir / "std.safetensors");
    EXPECT_FALSE(loaded->isBcos());
    torch::NoGradGuard noGrad;
    const at::Tensor input = network->encode(golden.tensor("input.image"));
    EXPECT_TRUE(torch::equal(network->forward(input), loaded->forward(input)));
}

TEST(ModelFile, RejectsOtherFilesWithClearErrors)
{
    test::TempDir dir;
    const auto golden = test::goldenDir() / "resnet_basic.safetensors";
    EXPECT_EQ(errorOf([&] { core::loadModel(golden); }),
              golden.string() + ": not a B-cos Studio model file (metadata 'format' is 'bcos-golden-v1', expected "
                                "'bcos-model-v1')");
    core::Metadata metadata;
    metadata.set("format", "bcos-model-v1");
    metadata.set("bcos.model", "{\"format\": \"bcos-model-v1\"");
    core::writeSafetensors(dir / "broken.safetensors", core::TensorMap(), metadata);
    EXPECT_EQ(errorOf([&] { core::loadModel(dir / "broken.safetensors"); })
                  .rfind((dir / "broken.safetensors").string() + ": metadata 'bcos.model' is not valid JSON (", 0),
              0u);
    // A description whose weights are absent: the diff names the missing tensors.
    const test::GoldenCase resnet("resnet_basic");
    core::ModelDescription description = test::goldenStandardDescription(resnet);
    description.architecture = core::canonicalArchitecture(description.architecture, "test");
    metadata.set("bcos.model", description.toJson().dump());
    core::writeSafetensors(dir / "empty.safetensors", core::TensorMap(), metadata);
    EXPECT_EQ(errorOf([&] { core::loadModel(dir / "empty.safetensors"); })
                  .rfind("weights from " + (dir / "empty.safetensors").string()
                             + " do not fit the model: 62 missing keys (model.conv1.weight, ",
                         0),
              0u);
}

} // namespace
} // namespace bcos
