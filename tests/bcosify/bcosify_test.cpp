// B-cosification of CNNs against the reference's BcosifyNetwork (golden resnet_basic, resnet_bottleneck,
// densenet): converted weights, pre-bias logits, activations, and the B=1 keep-bias checks.
#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/models/densenet.h"
#include "core/models/loadweights.h"
#include "core/models/presets.h"
#include "core/models/resnet.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tensorcompare.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace bcos {
namespace {

bool isBatchCounter(const std::string &key) { return key.find("num_batches_tracked") != std::string::npos; }

core::TensorMap stageOutputs(core::NetworkImpl &network, const at::Tensor &normalized)
{
    if (auto *resnet = dynamic_cast<core::ResNetImpl *>(&network.model()))
        return resnet->stageOutputs(normalized);
    if (auto *densenet = dynamic_cast<core::DenseNetImpl *>(&network.model()))
        return densenet->stageOutputs(normalized);
    throw std::runtime_error("not a CNN");
}

TEST(Bcosify, ConvertedWeightsMatchEveryReferenceKey)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
        const core::TensorMap state = core::stateDict(*network);
        const auto &keys = golden.json().at("bcosified_keys");
        EXPECT_EQ(state.size(), keys.size());
        for (const auto &keyJson : keys) {
            const std::string key = keyJson.get<std::string>();
            const std::string ours = key.substr(std::string("bcosified.").size());
            ASSERT_TRUE(state.contains(ours)) << ours;
            if (isBatchCounter(key)) { // a fresh module: 0, as in the reference (values are not compared)
                EXPECT_EQ(state[ours].dtype(), torch::kLong) << ours;
                continue;
            }
            // Copies and [W, -W] / 2 are exact in float32 (f16 inputs).
            EXPECT_TRUE(torch::equal(state[ours], golden.bcosified(key))) << ours;
        }
    }
}

TEST(Bcosify, PreBiasLogitsAndInputNormalisationMatchGolden)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
        torch::NoGradGuard noGrad;
        const at::Tensor image6 = network->encode(golden.tensor("input.image"));
        EXPECT_TRUE(torch::equal(image6, golden.tensor("input.image6")));
        EXPECT_TRUE(test::allCloseGolden(network->normalizeInput(image6),
                                         golden.tensor("expected.bcosified.input_normalized"), 1e-5, 1e-6));
        const at::Tensor logits = network->forward(image6);
        EXPECT_TRUE(test::allCloseGolden(logits - network->logitBias(),
                                         golden.tensor("expected.bcosified.logits_pre_bias"), 1e-4, 1e-5));
        EXPECT_TRUE(test::allCloseGolden(logits, golden.tensor("expected.bcosified.logits"), 1e-4, 1e-5));
        EXPECT_DOUBLE_EQ(network->logitBias(), golden.json().at("bcosify").at("logit_bias").get<double>());
        // GradCAM's split: features() then classify() reproduces the backbone.
        auto &model = network->model();
        EXPECT_TRUE(test::allCloseGolden(model.classify(model.features(network->normalizeInput(image6))),
                                         golden.tensor("expected.bcosified.logits_pre_bias"), 1e-4, 1e-5));
    }
}

TEST(Bcosify, ActivationsMatchGolden)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
        torch::NoGradGuard noGrad;
        const at::Tensor image6 = golden.tensor("input.image6").slice(0, 0, 1);
        const core::TensorMap ours = stageOutputs(*network, network->normalizeInput(image6));
        const std::string prefix = "expected.bcosified.act.model.";
        int64_t compared = 0;
        for (const auto &item : golden.contents().tensors) {
            if (item.key().rfind(prefix, 0) != 0)
                continue;
            const std::string module = item.key().substr(prefix.size());
            ASSERT_TRUE(ours.contains(module)) << module;
            EXPECT_TRUE(test::allCloseGolden(ours[module], golden.tensor(item.key()), 1e-4, 1e-5)) << module;
            ++compared;
        }
        // Every activation the case's JSON lists, and the golden README's set for its architecture: ResNet conv1,
        // bn1, maxpool, layer1..4 and fc (8); DenseNet every features.i (conv0, norm0, relu0, pool0, n dense blocks,
        // the n - 1 transitions between them, norm5: 4 + 2n) and classifier.
        int64_t listed = 0;
        for (const auto &item : golden.json().at("tensors").items())
            listed += item.key().rfind(prefix, 0) == 0 ? 1 : 0;
        EXPECT_EQ(compared, listed);
        const nlohmann::json &arch = golden.json().at("arch");
        const int64_t stages = arch.at("family").get<std::string>() == "densenet"
            ? 4 + 2 * static_cast<int64_t>(arch.at("block_config").size()) + 1
            : 8;
        EXPECT_EQ(listed, stages);
    }
}

TEST(Bcosify, BOneWithBiasesAndMaxPoolReproducesTheStandardModel)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::BcosSettings settings = test::goldenBcosSettings(golden);
        settings.b = 1;
        settings.keepBiases = true;
        settings.keepMaxPool = true;
        core::Network network = test::goldenBcosNetwork(golden, settings);
        // The folded biases equal the reference's bcosified_b1_keepbias tensors.
        const core::TensorMap state = core::stateDict(*network);
        for (const auto &key : golden.json().at("bcosified_b1_keepbias_keys")) {
            const std::string k = key.get<std::string>();
            EXPECT_TRUE(test::allCloseGolden(state[k], golden.tensor("bcosified_b1_keepbias." + k), 1e-6, 1e-7)) << k;
        }
        torch::NoGradGuard noGrad;
        const at::Tensor image6 = golden.tensor("input.image6");
        const at::Tensor logits = network->forward(image6);
        const double bias = network->logitBias();
        EXPECT_TRUE(test::allCloseGolden(logits - bias, golden.tensor("expected.b1.logits_keepbias_keepmaxpool") - bias,
                                         1e-4, 1e-5));
        // B=1 + biases + max-pool is the standard network (the paper's starting point), up to the logit bias.
        EXPECT_TRUE(test::allCloseGolden(logits - bias, golden.tensor("expected.standard.logits"), 1e-4, 1e-5));

        settings.keepMaxPool = false;
        core::Network avgPool = test::goldenBcosNetwork(golden, settings);
        EXPECT_TRUE(test::allCloseGolden(avgPool->forward(image6) - bias,
                                         golden.tensor("expected.b1.logits_keepbias") - bias, 1e-4, 1e-5));
        settings.keepBiases = false;
        core::Network noBias = test::goldenBcosNetwork(golden, settings);
        EXPECT_TRUE(test::allCloseGolden(noBias->forward(image6) - bias,
                                         golden.tensor("expected.b1.logits_nobias") - bias, 1e-4, 1e-5));
    }
}

TEST(Bcosify, MaxOutRepeatsUnitsSoTheConvertedFunctionIsUnchanged)
{
    const test::GoldenCase golden("resnet_basic");
    core::BcosSettings settings = test::goldenBcosSettings(golden);
    core::Network single = test::goldenBcosNetwork(golden, settings);
    settings.maxOut *= 2;
    core::Network doubled = test::goldenBcosNetwork(golden, settings);
    EXPECT_EQ(core::stateDict(*doubled)["model.layer1.0.conv1.linear.weight"].size(0),
              golden.standardStateDict()["layer1.0.conv1.weight"].size(0) * settings.maxOut);
    torch::NoGradGuard noGrad;
    const at::Tensor image6 = golden.tensor("input.image6");
    EXPECT_TRUE(test::allCloseGolden(doubled->forward(image6), single->forward(image6), 1e-6, 1e-7));
}

TEST(Bcosify, LearntBStartsAtTheConfiguredValue)
{
    const test::GoldenCase golden("resnet_basic");
    core::BcosSettings settings = test::goldenBcosSettings(golden);
    settings.learnB = true;
    settings.b = 1.5;
    core::Network network = test::goldenBcosNetwork(golden, settings);
    const auto state = core::stateDict(*network);
    ASSERT_TRUE(state.contains("model.layer1.0.conv1.b"));
    EXPECT_DOUBLE_EQ(state["model.layer1.0.conv1.b"].item<double>(), 1.5);
}

TEST(Bcosify, MeanFreeNormalisesWithZeroMean)
{
    const test::GoldenCase golden("densenet");
    core::BcosSettings settings = test::goldenBcosSettings(golden);
    settings.meanFree = true;
    core::Network network = test::goldenBcosNetwork(golden, settings);
    const at::Tensor image6 = golden.tensor("input.image6");
    const auto std6Values =
        golden.json().at("bcosify").at("normalization_inside_model").at("std").get<std::vector<double>>();
    ASSERT_EQ(std6Values.size(), 6u);
    const at::Tensor std6 = torch::tensor(std6Values, torch::kFloat).view({1, 6, 1, 1});
    EXPECT_TRUE(test::allCloseGolden(network->normalizeInput(image6), image6 / std6, 1e-6, 1e-7));
}

TEST(Bcosify, CountsTheLayersItReplacesFromTheNetwork)
{
    // torchvision's ResNet-18: conv1 + 16 block convs + 3 downsample convs, as many BatchNorms, the stem
    // max-pool, fc and the global average pool.
    core::ModelDescription resnet;
    resnet.architecture = *core::architecturePreset("resnet18");
    core::BcosSettings settings;
    const core::BcosifyChanges changes = core::countBcosifyChanges(resnet, settings);
    EXPECT_EQ(changes.convolutions, 20);
    EXPECT_EQ(changes.norms, 20);
    EXPECT_EQ(changes.pools, 1);
    EXPECT_EQ(changes.linears, 1);
    EXPECT_EQ(changes.other, 1); // avgpool: the B-cos ResNet pools after its classifier, functionally
    EXPECT_EQ(changes.total(), 43);
    settings.keepMaxPool = true; // the max-pool stays
    EXPECT_EQ(core::countBcosifyChanges(resnet, settings).pools, 0);
    EXPECT_EQ(core::countBcosifyChanges(resnet, settings).total(), 42);
    // DenseNet-121: conv0, 2 per dense layer (58 layers) and 3 transitions = 120 convs; norm0, 116, 3 and
    // norm5 = 121 norms; the transitions' average pools are the same in both networks.
    core::ModelDescription densenet;
    densenet.architecture = *core::architecturePreset("densenet121");
    const core::BcosifyChanges dense = core::countBcosifyChanges(densenet, {});
    EXPECT_EQ(dense.convolutions, 120);
    EXPECT_EQ(dense.norms, 121);
    EXPECT_EQ(dense.pools, 1);
    EXPECT_EQ(dense.linears, 1);
    resnet.bcos.enabled = true;
    EXPECT_THROW(core::countBcosifyChanges(resnet, {}), core::Error);
}

TEST(Bcosify, Errors)
{
    const test::GoldenCase golden("resnet_basic");
    core::ModelDescription description = test::goldenStandardDescription(golden);
    core::BcosSettings settings = test::goldenBcosSettings(golden);
    description.bcos.enabled = true;
    try {
        core::bcosify(description, golden.standardStateDict(), settings);
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()), "bcosify: the model is already a B-cos network");
    }
    description.bcos.enabled = false;
    // Another class count than the weights' head (arch.num_classes x the fc input width of the file).
    const int64_t classes = golden.json().at("arch").at("num_classes").get<int64_t>();
    const int64_t wrongClasses = classes + 3;
    const int64_t features = golden.standardStateDict()["fc.weight"].size(1);
    description.architecture["num_classes"] = wrongClasses;
    try {
        core::bcosify(description, golden.standardStateDict(), settings, "rn.safetensors");
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Mismatch);
        EXPECT_EQ(std::string(error.what()),
                  fmt::format("weights from rn.safetensors do not fit the model: 2 shape mismatches (fc.weight: file "
                              "[{0}, {2}], model [{1}, {2}], fc.bias: file [{0}], model [{1}])",
                              classes, wrongClasses, features));
    }
}

} // namespace
} // namespace bcos
