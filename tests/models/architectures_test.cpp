// ResNet / DenseNet architectures: golden standard logits, torchvision and reference key names, presets,
// and architecture-description errors.
#include "core/error.h"
#include "core/models/densenet.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/presets.h"
#include "core/models/resnet.h"
#include "core/models/vit.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

namespace bcos {
namespace {

std::vector<std::string> keysOf(const core::TensorMap &map, const std::string &prefix = "")
{
    std::vector<std::string> keys;
    for (const auto &item : map)
        keys.push_back(prefix + item.key());
    return keys;
}

std::vector<std::string> goldenKeysWithPrefix(const test::GoldenCase &golden, const std::string &prefix)
{
    std::vector<std::string> keys;
    for (const auto &item : golden.contents().tensors)
        if (item.key().rfind(prefix, 0) == 0)
            keys.push_back(item.key().substr(prefix.size()));
    return keys;
}

int64_t parameterCount(torch::nn::Module &module)
{
    int64_t count = 0;
    for (const auto &p : module.parameters())
        count += p.numel();
    return count;
}

using test::errorOf;

TEST(Architectures, StandardLogitsMatchGolden)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenStandardNetwork(golden);
        torch::NoGradGuard noGrad;
        const at::Tensor input = network->encode(golden.tensor("input.image"));
        EXPECT_TRUE(test::allCloseGolden(input, golden.tensor("input.image_standard"), 1e-5, 1e-6));
        EXPECT_TRUE(test::allCloseGolden(network->forward(input), golden.tensor("expected.standard.logits"), 1e-4, 1e-5));
        // features() + classify() is the same computation as forward().
        EXPECT_TRUE(test::allCloseGolden(network->model().classify(network->model().features(input)),
                                         golden.tensor("expected.standard.logits"), 1e-4, 1e-5));
    }
}

TEST(Architectures, StandardKeysAreTorchvisionStateDictInOrder)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = core::buildNetwork(test::goldenStandardDescription(golden));
        EXPECT_EQ(keysOf(core::stateDict(network->model())), goldenKeysWithPrefix(golden, "standard."));
    }
}

TEST(Architectures, BcosKeysAreTheReferenceBcosifyNetworkKeysInOrder)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::ModelDescription description = test::goldenStandardDescription(golden);
        description.bcos = test::goldenBcosSettings(golden);
        core::Network network = core::buildNetwork(description);
        std::vector<std::string> expected;
        for (const auto &key : golden.json().at("bcosified_keys"))
            expected.push_back(key.get<std::string>().substr(std::string("bcosified.").size()));
        EXPECT_EQ(keysOf(core::stateDict(*network)), expected);
        // With kept biases exactly the reference's extra bias tensors appear.
        description.bcos.keepBiases = true;
        core::Network withBiases = core::buildNetwork(description);
        std::vector<std::string> biasKeys;
        for (const auto &item : core::stateDict(*withBiases))
            if (!core::stateDict(*network).contains(item.key()))
                biasKeys.push_back(item.key());
        EXPECT_EQ(biasKeys, golden.json().at("bcosified_b1_keepbias_keys").get<std::vector<std::string>>());
    }
}

TEST(Architectures, PresetsHaveTorchvisionParameterCounts)
{
    // torchvision's documented parameter counts.
    const std::vector<std::pair<std::string, int64_t>> expected{
        {"resnet18", 11689512}, {"resnet50", 25557032}, {"densenet121", 7978856}, {"resnext50_32x4d", 25028904}};
    for (const auto &[name, count] : expected) {
        SCOPED_TRACE(name);
        auto model = core::buildClassifier(core::resolveArchitecture(name), core::BcosSettings{});
        EXPECT_EQ(parameterCount(*model), count);
    }
    EXPECT_EQ(core::architecturePresetNames().size(), 13u + core::VitOptions::presetNames().size());
    for (const auto &name : core::architecturePresetNames())
        EXPECT_NO_THROW(core::canonicalArchitecture(*core::architecturePreset(name), name)) << name;
}

TEST(Architectures, BcosPresetShapes)
{
    core::BcosSettings settings;
    settings.enabled = true;
    auto resnet = core::buildClassifier(core::resolveArchitecture("resnet50", 7), settings);
    const auto resnetState = core::stateDict(*resnet);
    EXPECT_EQ(resnetState["conv1.linear.weight"].sizes(), (std::vector<int64_t>{64, 6, 7, 7}));
    EXPECT_EQ(resnetState["fc.linear.weight"].sizes(), (std::vector<int64_t>{7, 2048, 1, 1}));
    EXPECT_FALSE(resnetState.contains("fc.linear.bias"));
    EXPECT_FALSE(resnetState.contains("bn1.bias"));
    auto densenet = core::buildClassifier(core::resolveArchitecture("densenet121"), settings);
    const auto denseState = core::stateDict(*densenet);
    EXPECT_EQ(denseState["features.0.linear.weight"].sizes(), (std::vector<int64_t>{64, 6, 7, 7}));
    EXPECT_EQ(denseState["features.11.weight"].sizes(), (std::vector<int64_t>{1024})); // norm5
    EXPECT_EQ(denseState["features.10.denselayer16.conv2.linear.weight"].sizes(),
              (std::vector<int64_t>{32, 128, 3, 3}));
    EXPECT_EQ(denseState["classifier.linear.weight"].sizes(), (std::vector<int64_t>{1000, 1024, 1, 1}));
    torch::NoGradGuard noGrad;
    resnet->eval();
    EXPECT_EQ(resnet->forward(torch::rand({2, 6, 64, 64})).sizes(), (std::vector<int64_t>{2, 7}));
    EXPECT_EQ(resnet->features(torch::rand({1, 6, 64, 64})).sizes(), (std::vector<int64_t>{1, 2048, 2, 2}));
}

TEST(Architectures, DenseNetStandardPathsOfRenumberedModules)
{
    const auto config = core::DenseNetConfig::fromJson(core::resolveArchitecture("densenet121"), "densenet121");
    EXPECT_EQ(config.standardModulePath("features.0"), "features.conv0");
    EXPECT_EQ(config.standardModulePath("features.3"), "features.pool0");
    EXPECT_EQ(config.standardModulePath("features.4.denselayer1.norm1"), "features.denseblock1.denselayer1.norm1");
    EXPECT_EQ(config.standardModulePath("features.5.0"), "features.transition1.norm");
    EXPECT_EQ(config.standardModulePath("features.5.2"), "features.transition1.conv");
    EXPECT_EQ(config.standardModulePath("features.10.denselayer3.conv2"), "features.denseblock4.denselayer3.conv2");
    EXPECT_EQ(config.standardModulePath("features.11"), "features.norm5");
    EXPECT_EQ(config.standardModulePath("classifier"), "classifier");
}

TEST(Architectures, DescriptionErrorsNameTheFileAndField)
{
    test::TempDir dir;
    auto writeJson = [&](const std::string &name, const std::string &text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    };
    const std::string unknownFamily = writeJson("a.json", R"({"family": "vgg", "layers": [1]})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(unknownFamily); }),
              unknownFamily + ": unknown model family 'vgg' (known: resnet, densenet, vit, simplecnn, bcosv2_resnet, "
                              "bcosv2_densenet, bcosv2_vgg, bcosv2_convnext, bcosv2_vit)");
    const std::string unknownField = writeJson("b.json", R"({"family": "resnet", "block": "basic", "layers": [1, 1, 1, 1], "depth": 3})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(unknownField); }),
              unknownField + ": unknown field 'depth' for family 'resnet' (known: block, layers, num_classes, groups, "
                             "width_per_group, replace_stride_with_dilation, inplanes)");
    const std::string badLayers = writeJson("c.json", R"({"family": "resnet", "block": "basic", "layers": [1, 1, 1]})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(badLayers); }),
              badLayers + ": field 'layers' must be a list of 4 positive integers, got [1,1,1]");
    const std::string badBlock = writeJson("d.json", R"({"family": "resnet", "block": "huge", "layers": [1, 1, 1, 1]})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(badBlock); }),
              badBlock + ": field 'block' must be one of \"basic\", \"bottleneck\", got \"huge\"");
    const std::string noBlock = writeJson("e.json", R"({"family": "resnet", "layers": [1, 1, 1, 1]})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(noBlock); }),
              noBlock + ": missing field 'block' (\"basic\" or \"bottleneck\")");
    const std::string badGrowth = writeJson("f.json", R"({"family": "densenet", "growth_rate": -8})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(badGrowth); }),
              badGrowth + ": field 'growth_rate' must be a positive integer, got -8");
    const std::string noFamily = writeJson("g.json", R"({"block": "basic"})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(noFamily); }),
              noFamily + ": missing field 'family' (a string such as \"resnet\")");
    const std::string notJson = writeJson("h.json", "{family");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(notJson); }).rfind(notJson + ": not valid JSON (", 0), 0u);
    const std::string groups = writeJson("i.json", R"({"family": "resnet", "block": "basic", "layers": [1, 1, 1, 1], "groups": 2})");
    EXPECT_EQ(errorOf([&] { core::resolveArchitecture(groups); }),
              groups + ": block \"basic\" only supports groups=1 and width_per_group=64");
    EXPECT_EQ(errorOf([] { core::resolveArchitecture("resnet51"); }).rfind(
                  "unknown architecture 'resnet51': neither a preset (resnet18, resnet34, ", 0),
              0u);
    EXPECT_EQ(errorOf([] { core::resolveArchitecture("resnet18", 0); }),
              "the number of classes must be positive, got 0");
}

TEST(Architectures, JsonFileWithClassOverrideIsCanonicalised)
{
    test::TempDir dir;
    std::ofstream(dir / "net.json") << R"({"family": "densenet", "growth_rate": 8, "block_config": [2, 2, 2],
        "num_init_features": 16, "bn_size": 2, "num_classes": 10})";
    const auto arch = core::resolveArchitecture((dir / "net.json").string(), 3);
    EXPECT_EQ(arch.at("num_classes"), 3);
    EXPECT_EQ(arch.at("drop_rate"), 0.0);
    EXPECT_EQ(arch.at("family"), "densenet");
    const auto resnet = core::resolveArchitecture("resnet34", 10);
    EXPECT_EQ(resnet.at("name"), "resnet34");
    EXPECT_EQ(resnet.at("layers"), nlohmann::json({3, 4, 6, 3}));
    EXPECT_EQ(resnet.at("num_classes"), 10);
}

} // namespace
} // namespace bcos
