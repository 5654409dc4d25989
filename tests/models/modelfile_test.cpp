// Loading foreign weights (prefixes, readable mismatch diffs) and our model file (save/load round trip).
#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tempdir.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

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

bool isBatchCounter(const std::string &key) { return key.find("num_batches_tracked") != std::string::npos; }

/// A shape as the load diff prints it: "[64, 64, 3, 3]".
std::string shapeText(at::IntArrayRef sizes)
{
    return fmt::format("[{}]", fmt::join(sizes.begin(), sizes.end(), ", "));
}

/// The load diff's list of a category: its first 5 entries, then "and N more".
std::string cappedList(const std::vector<std::string> &items)
{
    if (items.size() <= 5)
        return fmt::format("{}", fmt::join(items, ", "));
    return fmt::format("{}, and {} more", fmt::join(items.begin(), items.begin() + 5, ", "), items.size() - 5);
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
    // Another class count than the weights' head (arch.num_classes x the fc input width of the file).
    const int64_t classes = golden.json().at("arch").at("num_classes").get<int64_t>();
    const int64_t wrongClasses = classes + 3;
    const int64_t features = golden.standardStateDict()["fc.weight"].size(1);
    description.architecture["num_classes"] = wrongClasses;
    EXPECT_EQ(errorOf([&] { core::loadStandardNetwork(description, golden.standardStateDict(), "w.safetensors"); }),
              fmt::format("weights from w.safetensors do not fit the model: 2 shape mismatches (fc.weight: file "
                          "[{0}, {2}], model [{1}, {2}], fc.bias: file [{0}], model [{1}])",
                          classes, wrongClasses, features));
    try {
        core::loadStandardNetwork(description, golden.standardStateDict(), "w.safetensors");
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Mismatch);
    }
}

TEST(LoadWeights, WrongArchitectureGivesCappedDiff)
{
    const test::GoldenCase golden("resnet_basic");
    const core::TensorMap weights = golden.standardStateDict();
    core::ModelDescription description = test::goldenStandardDescription(golden);
    description.architecture["block"] = "bottleneck";
    // BasicBlock weights into a Bottleneck ResNet of the same arch.layers: every block's conv3/bn3 (5 keys each) and
    // layer1's downsample (5) are missing; every block's conv1 (3x3 -> 1x1), the downsample convs and norms of
    // layers 2-4 (3 x 5, 4 x expansion wide) and fc have other shapes; num_batches_tracked is never reported.
    int64_t blocks = 0;
    for (const auto &count : golden.json().at("arch").at("layers"))
        blocks += count.get<int64_t>();
    // The diff of the two state dicts, in the model's key order.
    core::Network bottleneck = core::buildNetwork(description);
    const core::TensorMap model = core::stateDict(bottleneck->model());
    std::vector<std::string> missing, shapes;
    for (const auto &item : model) {
        if (isBatchCounter(item.key()))
            continue;
        const at::Tensor *file = weights.find(item.key());
        if (!file)
            missing.push_back(item.key());
        else if (file->sizes() != item.value().sizes())
            shapes.push_back(fmt::format("{}: file {}, model {}", item.key(), shapeText(file->sizes()),
                                         shapeText(item.value().sizes())));
    }
    for (const auto &item : weights) // every BasicBlock key has a Bottleneck counterpart: nothing unexpected
        EXPECT_TRUE(isBatchCounter(item.key()) || model.contains(item.key())) << item.key();
    ASSERT_EQ(missing.size(), static_cast<size_t>(5 * blocks + 5));
    ASSERT_EQ(shapes.size(), static_cast<size_t>(blocks + 3 * 5 + 1));
    EXPECT_EQ(std::vector<std::string>(missing.begin(), missing.begin() + 5),
              (std::vector<std::string>{"layer1.0.conv3.weight", "layer1.0.bn3.weight", "layer1.0.bn3.bias",
                                        "layer1.0.bn3.running_mean", "layer1.0.bn3.running_var"}));
    // torchvision's fixed widths: the stem's 64 channels, and fc reads 512 x expansion features.
    const int64_t classes = golden.json().at("arch").at("num_classes").get<int64_t>();
    EXPECT_EQ(shapes.front(), "layer1.0.conv1.weight: file [64, 64, 3, 3], model [64, 64, 1, 1]");
    EXPECT_EQ(shapes.back(), fmt::format("fc.weight: file [{0}, 512], model [{0}, 2048]", classes));
    EXPECT_EQ(
        errorOf([&] { core::loadStandardNetwork(description, weights, "basic.safetensors"); }),
        fmt::format("weights from basic.safetensors do not fit the model: {} missing keys ({}); {} shape mismatches "
                    "({})",
                    missing.size(), cappedList(missing), shapes.size(), cappedList(shapes)));
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
    // Every standard weight of the case is missing (its num_batches_tracked are never reported).
    size_t weightCount = 0;
    for (const auto &item : resnet.standardStateDict())
        weightCount += isBatchCounter(item.key()) ? 0 : 1;
    EXPECT_EQ(errorOf([&] { core::loadModel(dir / "empty.safetensors"); })
                  .rfind("weights from " + (dir / "empty.safetensors").string() + " do not fit the model: "
                             + std::to_string(weightCount) + " missing keys (model.conv1.weight, ",
                         0),
              0u);
}

} // namespace
} // namespace bcos
