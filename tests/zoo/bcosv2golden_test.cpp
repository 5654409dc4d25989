// Golden tests of the B-cos-v2 model zoo (../shared/golden/bcosv2): every case is imported through the functions
// `bcos convert --from bcos-v2` uses (inferBcosV2Architecture, bcosV2Description, importBcosV2Network), saved and
// reloaded as our model file, then checked against the logits and explanations B-cos-v2's own code computed.
// Every shape, setting and class count comes from the case's JSON and tensors.
#include "core/explain/rgba.h"
#include "core/explain/wxx.h"
#include "core/models/bcosv2/bcosv2vit.h"
#include "core/models/bcosv2/bcosv2zoo.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "core/models/vit.h"
#include "core/nn/detachable.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <set>
#include <utility>

namespace bcos {
namespace {

const char *const kCases[] = {"v2_resnet_basic", "v2_resnet_bottleneck", "v2_resnext",       "v2_densenet",
                              "v2_vgg_bnu",      "v2_convnext_pn",       "v2_convnext_bnu",  "v2_simple_vit",
                              "v2_vitc",         "v2_standard_vit"};

class BcosV2Golden : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        golden = std::make_unique<test::GoldenCase>("bcosv2/" + GetParam());
        const auto &model = golden->json().at("model");
        bcos = model.at("is_bcos").get<bool>();
        for (const auto &item : golden->contents().tensors)
            if (item.key().rfind("weights.", 0) == 0)
                weights.insert(item.key().substr(8), item.value());
        description = describe();
        // The same path as `bcos convert --from bcos-v2`: import, write our model file, open it again.
        core::Network imported = core::importBcosV2Network(description, weights, GetParam());
        core::saveModel(dir / "model.safetensors", *imported);
        network = core::loadModel(dir / "model.safetensors");
    }

    /// The architecture from the weights' key layout, checked against (and completed by) the case's constructor.
    core::ModelDescription describe()
    {
        const auto &model = golden->json().at("model");
        const auto &kwargs = model.at("constructor").at("kwargs");
        const auto layout = core::inferBcosV2Architecture(weights);
        EXPECT_TRUE(layout.has_value()) << "key layout not recognised";
        if (!layout)
            return {};
        EXPECT_EQ(layout->bcos, bcos);
        nlohmann::json arch = layout->arch;
        EXPECT_EQ(arch.at("num_classes"), kwargs.at("num_classes"));
        for (const char *field : {"layers", "inplanes", "groups", "width_per_group", "growth_rate", "block_config",
                                  "num_init_features", "bn_size", "patch_size", "dim", "depth", "mlp_dim", "conv_stem"})
            if (kwargs.contains(field) && arch.contains(field))
                EXPECT_EQ(arch.at(field), kwargs.at(field)) << field;
        if (kwargs.contains("heads")) // not in the shapes
            arch["heads"] = kwargs.at("heads");
        if (kwargs.contains("image_size"))
            arch["image_size"] = kwargs.at("image_size");
        const auto &norms = model.at("norm_layers");
        if (!norms.empty() && arch.contains("norm"))
            arch["norm_eps"] = norms.front().at("eps");
        core::BcosSettings settings;
        if (bcos) {
            const auto &layer = kwargs.contains("conv_layer") ? kwargs.at("conv_layer") : kwargs.at("linear_layer");
            settings.b = layer.at("kwargs").at("b").get<double>();
            settings.maxOut = layer.at("kwargs").at("max_out").get<int64_t>();
            settings.logitBias = model.at("logit_bias").get<double>();
            EXPECT_EQ(layout->maxOut, settings.maxOut);
        }
        const int64_t resize = golden->json().at("input").at("eval_transform_args").at("resize_size").get<int64_t>();
        return core::bcosV2Description(arch, bcos, resize, settings);
    }

    at::Tensor image6() const { return golden->tensor("input.image6"); }

    std::unique_ptr<test::GoldenCase> golden;
    bool bcos = true;
    core::TensorMap weights;
    core::ModelDescription description;
    test::TempDir dir;
    core::Network network{nullptr};
};

TEST_P(BcosV2Golden, LoadedWeightsAreTheStoredOnesBitForBit)
{
    const core::TensorMap state = core::stateDict(network->model());
    ASSERT_EQ(state.size(), weights.size());
    for (const auto &item : weights) {
        const at::Tensor *got = state.find(item.key());
        ASSERT_NE(got, nullptr) << item.key();
        EXPECT_TRUE(torch::equal(*got, item.value())) << item.key();
    }
}

TEST_P(BcosV2Golden, LogitsMatchTheReference)
{
    torch::NoGradGuard noGrad;
    if (!bcos) {
        const at::Tensor logits = network->forward(golden->tensor("input.image_normalized"));
        EXPECT_TRUE(test::allCloseGolden(logits, golden->tensor("expected.logits"), 1e-4, 1e-5));
        EXPECT_TRUE(torch::equal(logits.argmax(1), golden->tensor("expected.prediction")));
        return;
    }
    EXPECT_TRUE(network->encode(golden->tensor("input.image")).equal(image6()));
    const at::Tensor logits = network->forward(image6());
    EXPECT_TRUE(test::allCloseGolden(logits - network->logitBias(), golden->tensor("expected.logits_pre_bias"), 1e-4, 1e-5));
    EXPECT_TRUE(test::allCloseGolden(logits, golden->tensor("expected.logits"), 1e-4, 1e-5));
    EXPECT_TRUE(torch::equal(logits.argmax(1), golden->tensor("expected.prediction")));
}

TEST_P(BcosV2Golden, DynamicWeightsContributionsAndRgbaMatchTheReference)
{
    if (!bcos) { // the standard ViT: plain input gradient of the argmax logit w.r.t. the normalised image
        const at::Tensor input = golden->tensor("input.image_normalized").clone().requires_grad_(true);
        const at::Tensor logits = network->forward(input);
        logits.gather(1, logits.argmax(1, true)).sum().backward();
        EXPECT_TRUE(test::allCloseGolden(input.grad(), golden->tensor("expected.input_gradient"), 1e-3, 5e-5));
        return;
    }
    const core::WxxResult result = core::explainWxx(*network, golden->tensor("input.image"));
    EXPECT_TRUE(torch::equal(result.targets, golden->tensor("expected.explained_class")));
    const at::Tensor explained = result.logits.gather(1, result.targets.unsqueeze(1)).squeeze(1);
    EXPECT_TRUE(test::allCloseGolden(explained, golden->tensor("expected.explained_logit"), 1e-4, 1e-5, false));
    EXPECT_TRUE(test::allCloseGolden(result.dynamicWeights, golden->tensor("expected.dynamic_weights"), 1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseGolden(result.contributions, golden->tensor("expected.contribution_map"), 1e-3, 5e-5));
    for (const auto &[name, smooth] : {std::pair{"expected.explanation_rgba", 15}, {"expected.explanation_rgba_smooth0", 0}}) {
        const at::Tensor stored = core::gradientToRgba(image6(), golden->tensor("expected.dynamic_weights"), smooth);
        EXPECT_TRUE(test::allCloseGolden(stored, golden->tensor(name), 0, 1e-5)) << name;
        const at::Tensor own = core::gradientToRgba(image6(), result.dynamicWeights, smooth);
        EXPECT_TRUE(test::allCloseAbs(own, golden->tensor(name), 5e-4)) << name;
    }
}

TEST_P(BcosV2Golden, DynamicLinearityHolds)
{
    if (!bcos)
        GTEST_SKIP() << "a standard network is not dynamic linear";
    auto *vit = dynamic_cast<core::BcosV2VitImpl *>(&network->model());
    const at::Tensor x = image6();
    for (int64_t n = 0; n < x.size(0); ++n) {
        const at::Tensor input = x.slice(0, n, n + 1).clone().requires_grad_(true);
        core::ExplanationModeGuard explanation(*network);
        at::Tensor positional;
        at::Tensor logits;
        if (vit) { // the sin-cos table is a constant input of its own: its contribution belongs to the sum
            const auto grid = vit->features(input.detach()).sizes();
            positional = core::vitSinCosEmbedding(grid[2], grid[3], grid[1], input.options()).requires_grad_(true);
            logits = vit->forwardWithPositionalEmbedding(input, positional);
        } else {
            logits = network->model().forward(network->normalizeInput(input));
        }
        const at::Tensor target = logits.argmax(1);
        const at::Tensor logit = logits[0][target.item<int64_t>()];
        logit.backward();
        at::Tensor terms = (input.grad() * input).flatten();
        if (vit)
            terms = torch::cat({terms, (positional.grad() * positional).flatten()});
        // Float error of a sum grows with the magnitudes summed, not with the (possibly cancelling) result.
        const double bound = 1e-5 * terms.abs().sum().item<double>() + 1e-6 * std::abs(logit.item<double>());
        EXPECT_NEAR(terms.sum().item<double>(), logit.item<double>(), bound) << "image " << n;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, BcosV2Golden, ::testing::ValuesIn(kCases));

TEST(BcosV2GoldenSet, EveryCaseInTheFolderIsTested)
{
    std::set<std::string> listed(std::begin(kCases), std::end(kCases));
    for (const auto &entry : std::filesystem::directory_iterator(test::goldenDir() / "bcosv2"))
        if (entry.path().extension() == ".safetensors")
            EXPECT_TRUE(listed.count(entry.path().stem().string())) << entry.path();
}

} // namespace
} // namespace bcos
