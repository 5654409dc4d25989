// Golden tests of SimpleViT / ViT-C and their B-cosification (cases vit_simple and vitc of ../shared/golden).
#include "core/models/bcosifyvit.h"
#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/models/network.h"
#include "core/models/vit.h"
#include "core/models/loadweights.h"
#include "core/nn/detachable.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

using core::BcosSettings;
using core::TensorMap;

using test::errorOf;

class VitGolden : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        golden = std::make_unique<test::GoldenCase>(GetParam());
        arch = golden->json().at("arch");
        options = core::VitOptions::fromJson(arch);
    }

    // The case's conversion config (B, logit bias, max-out, gap_reorder), as the CNN golden tests read it.
    BcosSettings bcosSettings() const { return test::goldenBcosSettings(*golden); }

    // The golden README's B=1 conversions (no fine-tuning) of the same config, with or without the folded biases.
    BcosSettings bOneSettings(bool keepBiases) const
    {
        BcosSettings s = bcosSettings();
        s.b = 1.0;
        s.keepBiases = keepBiases;
        return s;
    }

    // A B-cos network (Network: [x, 1-x] normalised inside, logit bias) with converted golden standard weights.
    core::Network bcosNetwork(const BcosSettings &settings) const
    {
        core::ModelDescription description;
        description.architecture = arch;
        description.bcos = settings;
        auto model = std::make_shared<core::VitImpl>(options, settings);
        core::loadStateDict(*model, core::bcosifyVitWeights(options, golden->standardStateDict(), settings), GetParam());
        core::Network network(description, model);
        network->eval();
        return network;
    }

    core::VitImpl &vit(core::Network &network) const { return dynamic_cast<core::VitImpl &>(network->model()); }

    std::unique_ptr<test::GoldenCase> golden;
    nlohmann::json arch;
    core::VitOptions options;
};

TEST_P(VitGolden, StandardLogits)
{
    const auto family = core::vitFamily();
    EXPECT_EQ(family.name, "vit");
    auto model = family.build(arch, BcosSettings{});
    core::loadStateDict(*model, golden->standardStateDict(), GetParam());
    model->eval();
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(test::allCloseGolden(model->forward(golden->tensor("input.image_standard")),
                                     golden->tensor("expected.standard.logits"), 1e-4, 1e-5));
}

TEST_P(VitGolden, ConvertedWeightsMatchEveryBcosifiedKey)
{
    const TensorMap converted = core::vitFamily().bcosifyWeights(arch, golden->standardStateDict(), bcosSettings());
    const auto &keys = golden->json().at("bcosified_keys");
    ASSERT_EQ(converted.size(), keys.size());
    size_t index = 0;
    for (const auto &key : keys) {
        const std::string name = key.get<std::string>().substr(std::string("bcosified.model.").size());
        ASSERT_EQ(converted.keys()[index++], name); // same order as the reference state dict
        EXPECT_TRUE(test::allCloseAbs(converted[name], golden->bcosified(key.get<std::string>()), 0)) << name;
    }
}

TEST_P(VitGolden, BcosLogitsAndActivations)
{
    auto network = bcosNetwork(bcosSettings());
    torch::NoGradGuard noGrad;
    const at::Tensor image6 = golden->tensor("input.image6");
    EXPECT_TRUE(test::allCloseGolden(network->normalizeInput(image6), golden->tensor("expected.bcosified.input_normalized"),
                                     1e-6, 1e-6));
    const at::Tensor logits = network->forward(image6);
    EXPECT_TRUE(test::allCloseGolden(logits - network->logitBias(), golden->tensor("expected.bcosified.logits_pre_bias"),
                                     1e-4, 1e-5));
    EXPECT_TRUE(test::allCloseGolden(logits, golden->tensor("expected.bcosified.logits"), 1e-4, 1e-5));

    auto &model = vit(network);
    const at::Tensor xn = network->normalizeInput(image6.slice(0, 0, 1));
    const at::Tensor patches = model.patchEmbedding(xn);
    EXPECT_TRUE(test::allCloseGolden(patches, golden->tensor("expected.bcosified.act.model.to_patch_embedding"), 1e-4, 1e-5));
    const at::Tensor tokens = patches.flatten(1, 2) + model.positionalEmbedding(patches.size(1), patches.size(2), patches.options());
    const auto encoders = model.encoderOutputs(tokens);
    ASSERT_EQ(int64_t(encoders.size()), options.depth);
    for (int64_t i = 0; i < options.depth; ++i)
        EXPECT_TRUE(test::allCloseGolden(encoders[i],
                                         golden->tensor("expected.bcosified.act.model.transformer.encoder_" + std::to_string(i)),
                                         1e-4, 1e-5))
            << "encoder " << i;
    EXPECT_TRUE(test::allCloseGolden(model.headPerToken(encoders.back()),
                                     golden->tensor("expected.bcosified.act.model.linear_head"), 1e-4, 1e-5));

    // features() + classify() reproduce forward().
    EXPECT_TRUE(test::allCloseGolden(model.classify(model.features(xn)), logits.slice(0, 0, 1) - network->logitBias(), 1e-4, 1e-5));

    // (The reference stores this one with the logit bias included.)
    model.setGapReorder(false);
    EXPECT_TRUE(test::allCloseGolden(network->forward(image6) - network->logitBias(),
                                     golden->tensor("expected.bcosified.logits_no_gap_reorder") - network->logitBias(), 1e-4,
                                     1e-5));
}

TEST_P(VitGolden, ExplanationMatchesReference)
{
    auto network = bcosNetwork(bcosSettings());
    const at::Tensor image6 = golden->tensor("input.image6");
    const at::Tensor mean = network->inputMean().to(at::kFloat).view({1, 6, 1, 1});
    const at::Tensor stdev = network->inputStd().to(at::kFloat).view({1, 6, 1, 1});
    for (int64_t i = 0; i < image6.size(0); ++i) {
        core::ExplanationModeGuard guard(*network);
        const at::Tensor x = image6.slice(0, i, i + 1).clone().requires_grad_(true);
        const at::Tensor logits = network->forward(x);
        const int64_t cls = logits.argmax(1).item<int64_t>();
        EXPECT_EQ(cls, golden->tensor("expected.explain.class")[i].item<int64_t>());
        const at::Tensor logit = logits[0][cls];
        // The golden README's logit tolerance, on the pre-bias value (the bias only shifts it).
        const double expectedPreBias = golden->tensor("expected.explain.logit")[i].item<double>() - network->logitBias();
        EXPECT_NEAR(logit.item<double>() - network->logitBias(), expectedPreBias,
                    1e-4 * std::abs(expectedPreBias) + 1e-5 * (logits.detach() - network->logitBias()).abs().max().item<double>());
        const at::Tensor w = torch::autograd::grad({logit}, {x})[0];
        EXPECT_TRUE(test::allCloseGolden(w, golden->tensor("expected.explain.W").slice(0, i, i + 1), 1e-3, 5e-5)) << i;
        const at::Tensor contributions = (w * x).sum(1).detach();
        EXPECT_TRUE(test::allCloseGolden(contributions, golden->tensor("expected.explain.contribution_map").slice(0, i, i + 1),
                                         1e-3, 5e-5))
            << i;
        for (int smooth : {0, 15}) {
            const at::Tensor expected = golden->tensor("expected.explain.rgba_smooth" + std::to_string(smooth))[i];
            // Recomputed from the stored W (isolates the colouring) and end to end from our own W.
            const at::Tensor fromStored = core::gradientToRgba(x[0].detach(), golden->tensor("expected.explain.W")[i], smooth);
            EXPECT_TRUE(test::allCloseAbs(fromStored, expected, 1e-5)) << "smooth " << smooth;
            EXPECT_TRUE(test::allCloseRgba(core::gradientToRgba(x[0].detach(), w[0], smooth), expected,
                                           golden->tensor("expected.explain.W")[i], 1e-3, 5e-5, 5e-4))
                << "smooth " << smooth;
        }
        // Dynamic linearity: sum W * image6 is off by sum Wn * m6 / s6; for ViTs even the normalised identity fails
        // (the additive sin-cos positional embedding is not a linear function of the input).
        const at::Tensor wn = w * stdev;
        const at::Tensor xn = network->normalizeInput(x).detach();
        const double sumWx6 = (w * x).sum().item<double>();
        const double sumWnXn = (wn * xn).sum().item<double>();
        // A sum of products inherits W's golden tolerance (rtol 1e-3, atol 5e-5 x max|W|) term by term, so its
        // bound is taken from the magnitudes summed, not from the (cancelling) sum itself.
        const auto sumBound = [](const at::Tensor &weights, const at::Tensor &inputs) {
            return 1e-3 * (weights * inputs).abs().sum().item<double>()
                + 5e-5 * weights.abs().max().item<double>() * inputs.abs().sum().item<double>();
        };
        const double boundWx6 = sumBound(w, x.detach());
        const double boundWnXn = sumBound(wn, xn);
        EXPECT_NEAR(sumWx6, golden->tensor("expected.explain.sum_W_x6")[i].item<double>(), boundWx6);
        EXPECT_NEAR(sumWnXn, golden->tensor("expected.explain.sum_Wn_xn")[i].item<double>(), boundWnXn);
        // An identity of our own float32 sums: rounding scales with the magnitudes of the three sums' terms.
        const at::Tensor shift = wn * mean / stdev;
        const double identityMagnitude = (w * x).abs().sum().item<double>() + (wn * xn).abs().sum().item<double>()
            + shift.abs().sum().item<double>();
        EXPECT_NEAR(sumWx6 - sumWnXn, shift.sum().item<double>(), 1e-5 * identityMagnitude);
        const double preBias = logit.item<double>() - network->logitBias();
        const double goldenGap = golden->tensor("expected.explain.sum_Wn_xn")[i].item<double>() - expectedPreBias;
        EXPECT_NEAR(sumWnXn - preBias, goldenGap,
                    boundWnXn + 1e-4 * std::abs(expectedPreBias)
                        + 1e-5 * (logits.detach() - network->logitBias()).abs().max().item<double>())
            << "documented identity gap";
        EXPECT_GT(std::abs(sumWnXn - preBias), 1e-3) << "the ViT identity gap was expected NOT to vanish";
    }
    const double maxGap = golden->json().at("checks").at("dynamic_linearity_normalized_max_abs_err").get<double>();
    EXPECT_GT(maxGap, 1e-2); // the reference documents the failure, so do we
}

TEST_P(VitGolden, B1Conversions)
{
    const std::string prefix = "bcosified_b1_keepbias.";
    const TensorMap keep = core::bcosifyVitWeights(options, golden->standardStateDict(), bOneSettings(true));
    for (const auto &key : golden->json().at("bcosified_b1_keepbias_keys")) {
        const std::string name = key.get<std::string>();
        const std::string local = name.substr(std::string("model.").size());
        ASSERT_TRUE(keep.contains(local)) << name;
        EXPECT_TRUE(test::allCloseAbs(keep[local], golden->tensor(prefix + name), 1e-6)) << name;
    }
    torch::NoGradGuard noGrad;
    const at::Tensor image6 = golden->tensor("input.image6");
    auto keepBias = bcosNetwork(bOneSettings(true));
    const at::Tensor gap = keepBias->forward(image6);
    EXPECT_TRUE(test::allCloseGolden(gap, golden->tensor("expected.b1.logits_keepbias"), 1e-4, 1e-5));
    vit(keepBias).setGapReorder(false);
    const at::Tensor noGap = keepBias->forward(image6);
    EXPECT_TRUE(test::allCloseGolden(noGap, golden->tensor("expected.b1.logits_keepbias_no_gap_reorder"), 1e-4, 1e-5));
    // B=1 with biases and without reordering is the standard network (plus the logit bias).
    EXPECT_TRUE(test::allCloseAbs(noGap - keepBias->logitBias(), golden->tensor("expected.standard.logits"), 1e-4));
    auto noBias = bcosNetwork(bOneSettings(false));
    EXPECT_TRUE(test::allCloseGolden(noBias->forward(image6), golden->tensor("expected.b1.logits_nobias"), 1e-4, 1e-5));
}

INSTANTIATE_TEST_SUITE_P(Golden, VitGolden, ::testing::Values("vit_simple", "vitc"));

TEST(VitOptions, PresetsFollowTheReferenceEntrypoints)
{
    const auto s = core::VitOptions::preset("vit_small_patch16_224");
    EXPECT_EQ(s.dim, 384);
    EXPECT_EQ(s.depth, 12);
    EXPECT_EQ(s.heads, 6);
    EXPECT_EQ(s.mlpDim, 1536);
    const auto c = core::VitOptions::preset("vitc_b_patch1_14");
    EXPECT_EQ(c.depth, 11);
    EXPECT_EQ(c.convStem, (std::vector<int64_t>{64, 128, 128, 256, 256, 512}));
    EXPECT_EQ(core::VitOptions::presetNames().size(), 8u);
    // A preset via JSON with an override, and a tiny preset that runs end to end on a 224 image.
    const auto ti = core::VitOptions::fromJson({{"family", "vit"}, {"preset", "vitc_ti_patch1_14"}, {"num_classes", 7}});
    EXPECT_EQ(ti.numClasses, 7);
    EXPECT_EQ(ti.convStem.size(), 4u);
    EXPECT_EQ(core::VitOptions::fromJson(ti.toJson()).convStem, ti.convStem);
}

TEST(VitOptions, ErrorsNameTheField)
{
    EXPECT_EQ(errorOf([] { core::VitOptions::fromJson({{"dim", 30}, {"heads", 2}, {"patch_size", 8}, {"image_size", 32}}); }),
              "vit architecture: 'dim' must be a multiple of 4 for the sin-cos embedding, got 30");
    EXPECT_EQ(errorOf([] { core::VitOptions::fromJson({{"depth", "two"}}); }),
              "vit architecture: field 'depth' must be a positive integer, got \"two\"");
    EXPECT_EQ(errorOf([] { core::VitOptions::fromJson({{"variant", "vitc"}}); }),
              "vit architecture: variant \"vitc\" needs a 'conv_stem'");
    EXPECT_EQ(errorOf([] { core::VitOptions::preset("vit_huge"); }).rfind("unknown ViT preset 'vit_huge'", 0), 0u);
    EXPECT_EQ(errorOf([] { core::VitOptions::fromJson({{"image_size", 30}, {"patch_size", 8}, {"dim", 32}, {"heads", 2}}); }),
              "vit architecture: 'image_size' 30x30 must be divisible by 'patch_size' 8");
}

TEST(VitModel, WrongInputAndMissingWeightsAreReported)
{
    const auto options = core::VitOptions::fromJson(
        {{"image_size", 16}, {"patch_size", 8}, {"dim", 8}, {"depth", 1}, {"heads", 2}, {"mlp_dim", 16}, {"num_classes", 3}});
    BcosSettings bcos;
    bcos.enabled = true;
    core::VitImpl model(options, bcos);
    EXPECT_EQ(errorOf([&] { model.forward(torch::zeros({1, 3, 16, 16})); }),
              "ViT expects input [N, 6, H, W], got [1, 3, 16, 16]");
    EXPECT_EQ(model.forward(torch::rand({2, 6, 16, 16})).sizes(), (std::vector<int64_t>{2, 3}));
    core::VitImpl standard(options, BcosSettings{});
    TensorMap weights = core::stateDict(standard);
    weights.erase("linear_head.linear.bias");
    EXPECT_EQ(errorOf([&] { core::bcosifyVitWeights(options, weights, bcos); }), "no error"); // bias is removed anyway
    weights.erase("transformer.encoder_0.attn.to_qkv.weight");
    EXPECT_EQ(errorOf([&] { core::bcosifyVitWeights(options, weights, bcos); }),
              "standard weights: missing 'transformer.encoder_0.attn.to_qkv.weight' (needed for the B-cos weight "
              "'transformer.encoder_0.attn.to_qkv.weight')");
    EXPECT_EQ(errorOf([&] { core::loadStateDict(standard, weights, "w.safetensors"); }),
              "weights from w.safetensors do not fit the model: 2 missing keys "
              "(transformer.encoder_0.attn.to_qkv.weight, linear_head.linear.bias)");
}

} // namespace
} // namespace bcos
