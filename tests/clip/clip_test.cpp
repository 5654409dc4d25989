// Golden tests of CLIP's ModifiedResNet, its B-cosification (clip_kd, attn_unpool) and text localisation.
#include "core/models/bcosifyclip.h"
#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/models/clipimage.h"
#include "core/models/cliptext.h"
#include "core/models/loadweights.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tensorcompare.h"

#include <fmt/format.h>
#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

using core::BcosSettings;
using core::TensorMap;

using test::errorOf;

class ClipGolden : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_golden = new test::GoldenCase("clip"); }
    static void TearDownTestSuite()
    {
        delete s_golden;
        s_golden = nullptr;
    }

    static const test::GoldenCase &golden() { return *s_golden; }
    static nlohmann::json arch() { return golden().json().at("arch"); }

    /// The golden conversion's B (JSON bcosify.B): the B of every comparison with the golden tensors.
    static double goldenB() { return golden().json().at("bcosify").at("B").get<double>(); }

    static BcosSettings bcos() { return bcos(goldenB()); }
    static BcosSettings bcos(double b, bool keepBiases = false)
    {
        BcosSettings s;
        s.enabled = true;
        s.b = b;
        s.keepBiases = keepBiases;
        return s;
    }

    static core::ClipModifiedResNet bcosEncoder(const BcosSettings &settings)
    {
        auto encoder = core::buildClipImageEncoder(arch(), settings);
        core::loadStateDict(*encoder,
                            core::bcosifyClipWeights(encoder->options(), golden().standardStateDict(), settings), "clip");
        encoder->eval();
        return encoder;
    }

    static test::GoldenCase *s_golden;
};

test::GoldenCase *ClipGolden::s_golden = nullptr;

TEST_F(ClipGolden, StandardEmbedding)
{
    auto encoder = core::buildClipImageEncoder(arch(), BcosSettings{});
    core::loadStateDict(*encoder, golden().standardStateDict(), "clip");
    encoder->eval();
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(test::allCloseGolden(encoder->forward(golden().tensor("input.image_standard")),
                                     golden().tensor("expected.standard.embedding"), 1e-4, 1e-5));
}

TEST_F(ClipGolden, ConvertedWeightsMatchEveryBcosifiedKey)
{
    const auto options = core::ClipResNetOptions::fromJson(arch());
    const TensorMap converted = core::bcosifyClipWeights(options, golden().standardStateDict(), bcos());
    const auto &keys = golden().json().at("bcosified_keys");
    ASSERT_EQ(converted.size(), keys.size());
    const auto names = converted.keys();
    for (size_t i = 0; i < keys.size(); ++i) {
        const std::string key = keys[i].get<std::string>();
        const std::string name = key.substr(std::string("bcosified.model.").size());
        ASSERT_EQ(names[i], name);
        if (name.find("num_batches_tracked") != std::string::npos)
            continue; // README: not compared (reset on conversion)
        EXPECT_TRUE(test::allCloseAbs(converted[name], golden().bcosified(key), 0)) << name;
    }
}

TEST_F(ClipGolden, TokensAndCosines)
{
    auto encoder = bcosEncoder(bcos());
    torch::NoGradGuard noGrad;
    const at::Tensor image6 = golden().tensor("input.image6");
    EXPECT_TRUE(test::allCloseGolden(encoder->normalizeInput(image6), golden().tensor("expected.bcosified.input_normalized"),
                                     1e-6, 1e-6));
    const at::Tensor tokens = encoder->forward(image6);
    // Tokens are [HW, N, D]: compare per image (the leading index of the golden tolerance is the image).
    EXPECT_TRUE(test::allCloseGolden(tokens.transpose(0, 1), golden().tensor("expected.bcosified.tokens").transpose(0, 1),
                                     1e-4, 1e-5));
    const at::Tensor t = golden().tensor("input.text_embedding");
    const at::Tensor cosines = torch::matmul(tokens / tokens.norm(2, -1, true), t).transpose(0, 1); // [N, HW]
    EXPECT_TRUE(test::allCloseGolden(cosines, golden().tensor("expected.cosines"), 1e-4, 1e-5));
}

TEST_F(ClipGolden, KeepBiasB1FeaturesEqualTheStandardNetwork)
{
    // B=1 with folded BN biases: the B-cos trunk on [x, 1-x] is the standard trunk on x (conv1 sees [a, -a]).
    auto encoder = bcosEncoder(bcos(1.0, true));
    auto standard = core::buildClipImageEncoder(arch(), BcosSettings{});
    core::loadStateDict(*standard, golden().standardStateDict(), "clip");
    standard->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor fromBcos = encoder->features(encoder->normalizeInput(golden().tensor("input.image6")));
    const at::Tensor fromStandard = standard->features(golden().tensor("input.image_standard"));
    EXPECT_TRUE(test::allCloseGolden(fromBcos, fromStandard, 1e-4, 1e-5));
}

TEST_F(ClipGolden, LocalisationForEveryPower)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6");
    const at::Tensor t = golden().tensor("input.text_embedding");
    const auto powers = golden().json().at("localisation").at("powers").get<std::vector<double>>();
    ASSERT_FALSE(powers.empty());
    // Both ways to the per-location maps: batched over copies of the image, and one forward pass with a backward
    // pass per location.
    using Options = core::ClipLocalizationOptions;
    for (const Options options : {Options{3, core::ClipPasses::Batched}, Options{0, core::ClipPasses::OneForward}})
    for (int64_t i = 0; i < image6.size(0); ++i) {
        SCOPED_TRACE(options.passes == core::ClipPasses::Batched ? "batched, chunks of 3" : "one forward pass");
        const auto localization = core::ClipLocalization::compute(*encoder, image6[i], t, options);
        ASSERT_EQ(localization.passes(), options.passes);
        EXPECT_TRUE(test::allCloseGolden(localization.cosines().unsqueeze(0), golden().tensor("expected.cosines").slice(0, i, i + 1),
                                         1e-4, 1e-5));
        for (const double p : powers) {
            const std::string prefix = fmt::format("expected.p{}.", p); // "expected.p2." for 2
            const auto maps = localization.mapsForPower(p, 0);
            const double explained = golden().tensor(prefix + "explained")[i].item<double>();
            EXPECT_NEAR(maps.explained, explained, 1e-4 * std::abs(explained) + 1e-6) << "p=" << p;
            const at::Tensor w = golden().tensor(prefix + "W")[i];
            EXPECT_TRUE(test::allCloseGolden(maps.weights.unsqueeze(0), w.unsqueeze(0), 1e-3, 5e-5)) << "p=" << p;
            EXPECT_TRUE(test::allCloseGolden(maps.contributions.unsqueeze(0),
                                             golden().tensor(prefix + "contribution_map").slice(0, i, i + 1), 1e-3, 5e-5))
                << "p=" << p;
            EXPECT_TRUE(test::allCloseGolden(maps.clipped.clipped.unsqueeze(0),
                                             golden().tensor(prefix + "contribs_clipped").slice(0, i, i + 1), 1e-3, 5e-5))
                << "p=" << p;
            const double vrange = golden().tensor(prefix + "vrange")[i].item<double>();
            EXPECT_NEAR(maps.clipped.vrange, vrange, 1e-3 * vrange + 1e-9) << "p=" << p;
            for (int smooth : {0, 15}) {
                const at::Tensor expected = golden().tensor(prefix + "rgba_smooth" + std::to_string(smooth))[i];
                EXPECT_TRUE(test::allCloseAbs(core::gradientToRgba(image6[i], w, smooth), expected, 1e-5))
                    << "p=" << p << " smooth=" << smooth << " (from the stored W)";
                // End to end from our own W: W's golden tolerance propagated into the colours, 5e-4 as the README.
                EXPECT_TRUE(test::allCloseRgba(localization.mapsForPower(p, smooth).rgba, expected, w, 1e-3, 5e-5, 5e-4))
                    << "p=" << p << " smooth=" << smooth;
            }
        }
    }
}

TEST_F(ClipGolden, AutomaticChunkMeasuresTheFirstLocationAndMatchesFixedChunks)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6")[0];
    const at::Tensor t = golden().tensor("input.text_embedding");
    const auto automatic = core::ClipLocalization::compute(*encoder, image6, t, {0, core::ClipPasses::Batched});
    const int64_t locations = automatic.cosines().size(0);
    const core::ClipChunkChoice &choice = automatic.chunk();
    // The first location's pass is measured (LibTorch's allocations) and MemAvailable read (Linux).
    EXPECT_GT(choice.bytesPerItem, 0);
    EXPECT_GT(choice.availableBytes, 0);
    EXPECT_EQ(choice.size,
              core::clipChunkFor(choice.bytesPerItem, choice.availableBytes, locations - 1, core::kMaxClipChunkCpu));
    for (int64_t chunk : {int64_t(1), locations}) {
        SCOPED_TRACE(chunk);
        const auto fixed = core::ClipLocalization::compute(*encoder, image6, t, {chunk}); // a chunk: batched passes
        EXPECT_EQ(fixed.passes(), core::ClipPasses::Batched);
        EXPECT_EQ(fixed.chunk().size, chunk);
        EXPECT_EQ(fixed.chunk().bytesPerItem, -1);
        // The same per-location gradients from other batch compositions: within W's golden tolerance.
        EXPECT_TRUE(test::allCloseGolden(automatic.perLocationWeights(), fixed.perLocationWeights(), 1e-3, 5e-5));
        EXPECT_TRUE(test::allCloseGolden(automatic.cosines(), fixed.cosines(), 1e-4, 1e-5));
    }
}

TEST_F(ClipGolden, OneForwardPassGivesTheMapsOfBatchedPasses)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6")[0];
    const at::Tensor t = golden().tensor("input.text_embedding");
    const auto automatic = core::ClipLocalization::compute(*encoder, image6, t); // on the CPU: one forward pass
    EXPECT_EQ(automatic.passes(), core::ClipPasses::OneForward);
    EXPECT_EQ(automatic.chunk().size, 1); // a backward pass per location, nothing measured
    EXPECT_EQ(automatic.chunk().bytesPerItem, -1);
    const auto batched = core::ClipLocalization::compute(*encoder, image6, t, {0, core::ClipPasses::Batched});
    ASSERT_EQ(batched.passes(), core::ClipPasses::Batched);
    // The same gradients of the same graph (one image's forward pass vs copies of it in a batch): equal to the
    // rounding of another batch composition, within W's golden tolerance.
    EXPECT_TRUE(test::allCloseGolden(automatic.perLocationWeights(), batched.perLocationWeights(), 1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseGolden(automatic.perLocationContributions(), batched.perLocationContributions(), 1e-3,
                                     5e-5));
    EXPECT_TRUE(test::allCloseGolden(automatic.cosines(), batched.cosines(), 1e-4, 1e-5));
    // Every location has its own map (not the first one's L times, not one summed map).
    const int64_t locations = automatic.cosines().size(0);
    if (locations > 1)
        EXPECT_FALSE(torch::allclose(automatic.perLocationWeights()[0], automatic.perLocationWeights()[locations - 1]));
}

TEST_F(ClipGolden, ProgressCountsTheLocationsAndCanStopThePasses)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6")[0];
    const at::Tensor t = golden().tensor("input.text_embedding");
    for (const auto passes : {core::ClipPasses::OneForward, core::ClipPasses::Batched}) {
        const bool oneForward = passes == core::ClipPasses::OneForward;
        core::ClipLocalizationOptions options{oneForward ? 0 : 2, passes};
        std::vector<std::pair<int64_t, int64_t>> reported;
        options.progress = [&reported](int64_t done, int64_t all) {
            reported.emplace_back(done, all);
            return true;
        };
        const int64_t locations = core::ClipLocalization::compute(*encoder, image6, t, options).cosines().size(0);
        // A report per pass: each location's backward pass, or each chunk of two locations.
        ASSERT_EQ(int64_t(reported.size()), oneForward ? locations : (locations + 1) / 2);
        for (size_t k = 0; k < reported.size(); ++k) {
            EXPECT_EQ(reported[k].first, std::min<int64_t>(int64_t(k + 1) * (oneForward ? 1 : 2), locations));
            EXPECT_EQ(reported[k].second, locations);
        }
        // Returning false stops at that pass with Error{Cancelled}, naming how far it came.
        options.progress = [](int64_t, int64_t) { return false; };
        try {
            core::ClipLocalization::compute(*encoder, image6, t, options);
            ADD_FAILURE() << "not stopped";
        } catch (const core::Error &error) {
            EXPECT_EQ(error.code(), core::ErrorCode::Cancelled);
            EXPECT_EQ(std::string(error.what()),
                      fmt::format("CLIP localisation cancelled after {} of {} locations",
                                  std::min<int64_t>(oneForward ? 1 : 2, locations), locations));
        }
    }
}

TEST(ClipPasses, OneForwardOnTheCpuBatchedOnAGpuOrWithAChunk)
{
    using core::ClipPasses;
    const c10::Device cpu(c10::kCPU), gpu(c10::kCUDA, 0);
    EXPECT_EQ(core::resolveClipPasses({}, cpu), ClipPasses::OneForward);
    EXPECT_EQ(core::resolveClipPasses({}, gpu), ClipPasses::Batched);
    EXPECT_EQ(core::resolveClipPasses({4}, cpu), ClipPasses::Batched);
    EXPECT_EQ(core::resolveClipPasses({0, ClipPasses::OneForward}, gpu), ClipPasses::OneForward);
    EXPECT_EQ(core::resolveClipPasses({0, ClipPasses::Batched}, cpu), ClipPasses::Batched);
    EXPECT_EQ(core::resolveClipPasses({4, ClipPasses::OneForward}, cpu), ClipPasses::OneForward);
}

TEST(ClipChunk, HalfTheAvailableMemoryAtMostTheCapAndTheLocationsLeft)
{
    EXPECT_EQ(core::clipChunkFor(1000, 100000, 49, 64), 49);                    // 50 fit, 49 left
    EXPECT_EQ(core::clipChunkFor(1000, 20000, 49, 64), 10);                     // half of 20000 / 1000
    EXPECT_EQ(core::clipChunkFor(1000, 20000, 49, core::kMaxClipChunkCpu), 8); // the CPU's cap
    EXPECT_EQ(core::clipChunkFor(int64_t(1) << 30, int64_t(1) << 30, 49, 64), 1); // not one fits: one at a time
    EXPECT_EQ(core::clipChunkFor(1, int64_t(1) << 40, 1000, core::kMaxClipChunkCuda), core::kMaxClipChunkCuda);
    EXPECT_EQ(core::clipChunkFor(-1, 100000, 49, 64), core::kDefaultClipChunk); // nothing measured
    EXPECT_EQ(core::clipChunkFor(1000, -1, 49, core::kMaxClipChunkCpu), core::kMaxClipChunkCpu);
    EXPECT_EQ(core::clipChunkFor(-1, -1, 3, 64), 3);
}

TEST_F(ClipGolden, SliderEqualsDirectComputation)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6");
    const at::Tensor t = golden().tensor("input.text_embedding");
    for (int64_t i = 0; i < image6.size(0); ++i) {
        const auto slider = core::ClipLocalization::compute(*encoder, image6[i], t);
        EXPECT_EQ(slider.perLocationWeights().sizes(),
                  (std::vector<int64_t>{golden().tensor("expected.cosines").size(1), 6, image6.size(2), image6.size(3)}));
        // Both sides add the same L terms a_l * W_l, in another order (a weighted sum of stored maps vs one
        // backward pass through the network), so each element's rounding error scales with sum_l |a_l W_l|,
        // the magnitudes summed, not with the (possibly cancelling) result.
        const at::Tensor absW = slider.perLocationWeights().abs();
        const at::Tensor absContrib = (absW * slider.image6().abs().unsqueeze(0)).sum(1);
        for (double p : {0.0, 0.5, 1.0, 1.5, 2.0, 3.7, 5.0, 7.25, 10.0}) {
            const auto direct = core::localizeDirect(*encoder, image6[i], t, p, 15);
            const auto fast = slider.mapsForPower(p, 15);
            const at::Tensor a = slider.locationWeights(p).abs();
            const double explainedMagnitude = (a * slider.cosines().abs()).sum().item<double>();
            EXPECT_NEAR(fast.explained, direct.explained, 1e-5 * explainedMagnitude + 1e-12) << p;
            const at::Tensor weightMagnitude = torch::tensordot(a, absW, {0}, {0});
            EXPECT_TRUE(test::allCloseToSum(fast.weights.unsqueeze(0), direct.weights.unsqueeze(0),
                                            weightMagnitude.unsqueeze(0), 1e-4, 1e-5))
                << p;
            const at::Tensor contribMagnitude = torch::tensordot(a, absContrib, {0}, {0});
            EXPECT_TRUE(test::allCloseToSum(fast.contributions.unsqueeze(0), direct.contributions.unsqueeze(0),
                                            contribMagnitude.unsqueeze(0), 1e-4, 1e-5))
                << p;
            // The golden README's tolerance for RGBA computed end to end from one's own W, with the weights' bound
            // (above) propagated into the ill-conditioned colours.
            EXPECT_TRUE(test::allCloseRgba(fast.rgba, direct.rgba, direct.weights, 1e-4, 1e-5, 5e-4)) << p;
            EXPECT_TRUE(torch::isfinite(fast.weights).all().item<bool>()) << p;
        }
    }
}

TEST_F(ClipGolden, ArgmaxModeWithOnlyNegativeCosinesExplainsNothing)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6")[0];
    at::Tensor tokens;
    {
        torch::NoGradGuard noGrad;
        tokens = encoder->forward(image6.unsqueeze(0)).select(1, 0); // [L, D], unit rows
    }
    // A prompt pointing away from every token: all cosines negative, so the reference's max over the masked
    // cosines is 0 and W vanishes; p >= 1 still explains the (negative) mean.
    const at::Tensor away = -tokens.sum(0);
    const auto localization = core::ClipLocalization::compute(*encoder, image6, away);
    ASSERT_LT(localization.cosines().max().item<double>(), 0);
    const auto argmax = localization.mapsForPower(0);
    EXPECT_EQ(argmax.explained, 0);
    EXPECT_EQ(argmax.weights.abs().max().item<double>(), 0);
    EXPECT_TRUE(torch::isfinite(argmax.rgba).all().item<bool>());
    EXPECT_EQ(argmax.rgba.select(2, 3).abs().max().item<double>(), 0); // fully transparent
    EXPECT_EQ(core::localizeDirect(*encoder, image6, away, 0).weights.abs().max().item<double>(), 0);
    EXPECT_NEAR(localization.explained(1), localization.cosines().mean().item<double>(), 1e-7);
    EXPECT_GT(localization.mapForPower(1).abs().max().item<double>(), 0);
}

TEST_F(ClipGolden, LocalisationErrors)
{
    auto encoder = bcosEncoder(bcos());
    const at::Tensor image6 = golden().tensor("input.image6")[0];
    const at::Tensor t = golden().tensor("input.text_embedding");
    EXPECT_EQ(errorOf([&] { core::ClipLocalization::compute(*encoder, image6.slice(0, 0, 3), t); }),
              fmt::format("text localisation expects image6 [6, H, W] ([x, 1-x]), got [3, {}, {}]", image6.size(1),
                          image6.size(2)));
    const int64_t dim = encoder->options().outputDim;
    EXPECT_EQ(errorOf([&] { core::ClipLocalization::compute(*encoder, image6, torch::ones({dim + 1})); }),
              fmt::format("text embedding must be [{}], got [{}]", dim, dim + 1));
    const auto localization = core::ClipLocalization::compute(*encoder, image6, t);
    EXPECT_EQ(errorOf([&] { localization.mapForPower(-1); }), "cosine power must be a finite number >= 0, got -1");
    auto standard = core::buildClipImageEncoder(arch(), BcosSettings{});
    EXPECT_EQ(errorOf([&] { core::ClipLocalization::compute(*standard, image6, t); }),
              "text localisation needs a B-cosified CLIP image encoder (unpooled tokens)");
    EXPECT_EQ(errorOf([&] { core::buildClipImageEncoder({{"family", "resnet"}}, BcosSettings{}); }),
              "architecture: field 'family' must be \"clip_resnet\" for a CLIP image encoder, got \"resnet\"");
    EXPECT_EQ(errorOf([&] { core::ClipResNetOptions::fromJson({{"layers", {1, 2}}}); }),
              "clip_resnet architecture: field 'layers' must be a list of 4 block counts, got [1,2]");
    TensorMap weights = golden().standardStateDict();
    weights.erase("layer2.0.downsample.1.running_var");
    EXPECT_EQ(errorOf([&] { core::bcosifyClipWeights(encoder->options(), weights, bcos()); }),
              "standard weights: missing 'layer2.0.downsample.1.running_var' (needed for the B-cos weight "
              "'layer2.0.downsample.2.running_var')");
}

// An independent reference for the text tower: LibTorch's nn::MultiheadAttention with the same weights.
at::Tensor referenceTextForward(const core::ClipTextOptions &o, const TensorMap &w, const at::Tensor &tokens)
{
    namespace F = torch::nn::functional;
    at::Tensor x = F::embedding(tokens, w["token_embedding.weight"]) + w["positional_embedding"];
    x = x.transpose(0, 1);
    const at::Tensor mask = torch::full({o.contextLength, o.contextLength}, -INFINITY).triu(1);
    for (int64_t i = 0; i < o.layers; ++i) {
        const std::string p = "transformer.resblocks." + std::to_string(i) + ".";
        torch::nn::MultiheadAttention attention(o.width, o.heads);
        torch::NoGradGuard noGrad;
        attention->in_proj_weight.copy_(w[p + "attn.in_proj_weight"]);
        attention->in_proj_bias.copy_(w[p + "attn.in_proj_bias"]);
        attention->out_proj->weight.copy_(w[p + "attn.out_proj.weight"]);
        attention->out_proj->bias.copy_(w[p + "attn.out_proj.bias"]);
        const auto ln = [&](const at::Tensor &t, const std::string &name) {
            return F::layer_norm(t, F::LayerNormFuncOptions({o.width}).weight(w[p + name + ".weight"]).bias(w[p + name + ".bias"]));
        };
        const at::Tensor h = ln(x, "ln_1");
        x = x + std::get<0>(attention->forward(h, h, h, {}, false, mask));
        at::Tensor m = F::linear(ln(x, "ln_2"), w[p + "mlp.c_fc.weight"], w[p + "mlp.c_fc.bias"]);
        m = m * torch::sigmoid(1.702 * m);
        x = x + F::linear(m, w[p + "mlp.c_proj.weight"], w[p + "mlp.c_proj.bias"]);
    }
    x = F::layer_norm(x.transpose(0, 1), F::LayerNormFuncOptions({o.width}).weight(w["ln_final.weight"]).bias(w["ln_final.bias"]));
    const at::Tensor eot = tokens.argmax(-1);
    return torch::matmul(x.index({torch::arange(tokens.size(0)), eot}), w["text_projection"]);
}

TEST(ClipText, MatchesMultiheadAttentionReferenceAndIsCausal)
{
    torch::manual_seed(3);
    core::ClipTextOptions o;
    o.contextLength = 8;
    o.vocabSize = 50;
    o.width = 16;
    o.heads = 2;
    o.layers = 2;
    o.embedDim = 6;
    core::ClipTextTransformer text(o);
    text->eval();
    TensorMap weights = core::stateDict(*text);
    {
        torch::NoGradGuard noGrad;
        for (auto &item : weights)
            item.value().copy_(torch::randn_like(item.value()) * 0.3);
    }
    const std::vector<std::string> expectedKeys{"positional_embedding", "text_projection", "token_embedding.weight",
                                                "transformer.resblocks.0.attn.in_proj_weight",
                                                "transformer.resblocks.0.attn.in_proj_bias",
                                                "transformer.resblocks.0.attn.out_proj.weight",
                                                "transformer.resblocks.0.ln_1.weight", "transformer.resblocks.0.mlp.c_fc.weight",
                                                "transformer.resblocks.1.mlp.c_proj.bias", "ln_final.weight", "ln_final.bias"};
    for (const auto &key : expectedKeys)
        EXPECT_TRUE(weights.contains(key)) << key;
    EXPECT_EQ(weights.size(), 3u + 12u * 2u + 2u);
    // SOT=40, words, EOT=49 (the largest id), zero padding.
    const at::Tensor tokens = torch::tensor({40, 5, 7, 49, 0, 0, 0, 0, 40, 3, 9, 11, 12, 49, 0, 0}, torch::kLong).view({2, 8});
    torch::NoGradGuard noGrad;
    const at::Tensor out = text->forward(tokens);
    EXPECT_EQ(out.sizes(), (std::vector<int64_t>{2, 6}));
    EXPECT_TRUE(test::allCloseGolden(out, referenceTextForward(o, weights, tokens), 1e-4, 1e-5));
    // Causal mask: whatever follows the EOT token cannot change the embedding.
    at::Tensor changed = tokens.clone();
    changed[0][5] = 17;
    changed[1][7] = 23;
    EXPECT_TRUE(test::allCloseAbs(text->forward(changed), out, 1e-6));
    EXPECT_EQ(errorOf([&] { text->forward(tokens.to(torch::kInt)); }),
              "CLIP text encoder expects int64 tokens [N, 8], got Int [2, 8]");
    EXPECT_EQ(errorOf([&] { text->forward(tokens + 10); }), "CLIP text encoder: token ids must lie in [0, 50)");
    EXPECT_EQ(errorOf([] { core::ClipTextOptions::fromJson({{"transformer_width", 10}, {"transformer_heads", 3}}); }),
              "clip text architecture: 'transformer_width' (10) must be divisible by 'transformer_heads' (3)");
}

TEST(ClipResNetOptions, Rn50Preset)
{
    const auto rn50 = core::ClipResNetOptions::preset("RN50");
    EXPECT_EQ(rn50.layers, (std::vector<int64_t>{3, 4, 6, 3}));
    EXPECT_EQ(rn50.outputDim, 1024);
    EXPECT_EQ(rn50.heads, 32);
    const auto json = rn50.toJson();
    EXPECT_EQ(json.at("family"), "clip_resnet");
    EXPECT_EQ(core::ClipResNetOptions::fromJson(json).width, 64);
    // The B-cosified RN50 tower gives 7 x 7 unit tokens at 224 px. (B=1 here: with untrained weights, 50 B=2
    // layers shrink activations to zero and the token normalisation gives NaN, in the reference as well.)
    core::BcosSettings bcos;
    bcos.enabled = true;
    bcos.b = 1.0;
    auto encoder = core::buildClipImageEncoder({{"family", "clip_resnet"}, {"preset", "RN50"}}, bcos);
    encoder->eval();
    torch::NoGradGuard noGrad;
    const at::Tensor tokens = encoder->forward(torch::rand({1, 6, 224, 224}));
    EXPECT_EQ(tokens.sizes(), (std::vector<int64_t>{49, 1, 1024}));
    EXPECT_TRUE(test::allCloseAbs(tokens.norm(2, -1), torch::ones({49, 1}), 1e-5));
    EXPECT_EQ(errorOf([] { core::ClipResNetOptions::preset("RN101"); }),
              "unknown CLIP ResNet preset 'RN101' (expected RN50)");
}

} // namespace
} // namespace bcos
