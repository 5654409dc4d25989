// Property tests of the post-hoc baselines on small models defined here (no model families needed).
#include "core/error.h"
#include "core/eval/gridpg.h"
#include "core/explain/explainer.h"
#include "core/explain/gradcam.h"
#include "core/explain/integratedgradients.h"
#include "core/explain/occlusion.h"
#include "core/explain/rise.h"
#include "core/models/network.h"
#include "core/nn/activations.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

using core::ExplainMethod;

/// conv3x3 -> core::relu = features [N, 4, H, W]; classify = GAP(1x1 conv) (classifier before GAP, as GradCAM
/// assumes). `inputRelu` puts a ReLU on the input first (guided-backprop test).
class TinyConvImpl : public core::ClassifierImpl {
public:
    TinyConvImpl(int64_t inChannels, int64_t classes, bool inputRelu = false, bool smooth = false)
        : m_inputRelu(inputRelu)
        , m_smooth(smooth)
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, 4, 3).padding(1)));
        head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(4, classes, 1)));
    }
    at::Tensor features(const at::Tensor &input) override
    {
        const at::Tensor x = m_inputRelu ? core::relu(input) : input;
        return m_smooth ? torch::tanh(conv->forward(x)) : core::relu(conv->forward(x));
    }
    at::Tensor classify(const at::Tensor &features) override { return head->forward(features).mean({2, 3}); }
    at::Tensor forward(const at::Tensor &input) override { return classify(features(input)); }
    torch::nn::Conv2d conv{nullptr}, head{nullptr};

private:
    bool m_inputRelu, m_smooth;
};

/// logits = W flatten(x) + b.
class LinearImpl : public core::ClassifierImpl {
public:
    LinearImpl(int64_t inputs, int64_t classes) { fc = register_module("fc", torch::nn::Linear(inputs, classes)); }
    at::Tensor features(const at::Tensor &input) override { return input; }
    at::Tensor classify(const at::Tensor &features) override { return fc->forward(features.flatten(1)); }
    at::Tensor forward(const at::Tensor &input) override { return classify(input); }
    torch::nn::Linear fc{nullptr};
};

/// Logits that do not depend on the input.
class ConstantImpl : public core::ClassifierImpl {
public:
    ConstantImpl() { bias = register_parameter("bias", torch::tensor({0.5f, -1.0f, 2.0f})); }
    at::Tensor features(const at::Tensor &input) override { return input; }
    at::Tensor classify(const at::Tensor &features) override
    {
        return bias.unsqueeze(0).expand({features.size(0), 3}) + 0 * features.sum();
    }
    at::Tensor forward(const at::Tensor &input) override { return classify(input); }
    at::Tensor bias;
};

core::Network makeNetwork(std::shared_ptr<core::ClassifierImpl> model, bool bcos = false)
{
    core::ModelDescription description;
    description.bcos.enabled = bcos;
    return core::Network(description, std::move(model));
}

at::Tensor images(int64_t n, int64_t size = 8)
{
    torch::manual_seed(3);
    return torch::rand({n, 3, size, size});
}

using test::errorOf;

TEST(Explainer, MethodNamesRoundTripAndUnknownNamesAreListed)
{
    for (const auto method : core::allExplainMethods())
        EXPECT_EQ(core::parseExplainMethod(core::explainMethodName(method)), method);
    EXPECT_EQ(errorOf([] { core::parseExplainMethod("lime"); }),
              "unknown explanation method 'lime' (expected one of: wxx, gradcam, ixg, intgrad, guided, occlusion, rise)");
}

TEST(Explainer, RejectsBadImagesAndTargets)
{
    torch::manual_seed(0);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 5));
    core::ExplainRequest request;
    request.images = torch::rand({2, 1, 8, 8});
    EXPECT_EQ(errorOf([&] { core::explain(*network, ExplainMethod::InputXGradient, request); }),
              "ExplainRequest.images: expected [N, 3, H, W] with N >= 1, got [2, 1, 8, 8]");
    request.images = images(2);
    request.targets = torch::tensor({0, 7}, torch::kLong);
    EXPECT_EQ(errorOf([&] { core::explain(*network, ExplainMethod::InputXGradient, request); }),
              "ExplainRequest.targets: classes must lie in [0, 5), got 0..7");
    request.targets = torch::tensor({1}, torch::kLong);
    EXPECT_EQ(errorOf([&] { core::explain(*network, ExplainMethod::InputXGradient, request); }),
              "ExplainRequest.targets: expected [2] integer classes, got [1] Long");
}

TEST(Explainer, DefaultTargetsAreTheArgmax)
{
    torch::manual_seed(1);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 5));
    core::ExplainRequest request;
    request.images = images(3);
    const auto result = core::explain(*network, "ixg", request);
    EXPECT_TRUE(torch::equal(result.targets, result.logits.argmax(1)));
    EXPECT_EQ(result.attributions.sizes(), (std::vector<int64_t>{3, 8, 8}));
    EXPECT_EQ(result.method, ExplainMethod::InputXGradient);
}

TEST(InputXGradient, LinearModelGivesWeightTimesInputExactly)
{
    torch::manual_seed(2);
    auto model = std::make_shared<LinearImpl>(3 * 8 * 8, 4);
    auto network = makeNetwork(model);
    core::ExplainRequest request;
    request.images = images(2);
    request.targets = torch::tensor({3, 1}, torch::kLong);
    const auto result = core::explain(*network, ExplainMethod::InputXGradient, request);
    const at::Tensor input = network->encode(request.images);
    const at::Tensor w = model->fc->weight.detach().index_select(0, *request.targets).view({2, 3, 8, 8});
    EXPECT_TRUE(torch::equal(result.perChannel, w * input));
    EXPECT_TRUE(torch::allclose(result.attributions, (w * input).sum(1)));
}

TEST(InputXGradient, BcosNetworkAttributesTheSixChannelInput)
{
    torch::manual_seed(4);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(6, 3), true);
    core::ExplainRequest request;
    request.images = images(2);
    const auto result = core::explain(*network, ExplainMethod::InputXGradient, request);
    EXPECT_EQ(result.perChannel.sizes(), (std::vector<int64_t>{2, 6, 8, 8}));
    EXPECT_EQ(result.attributions.sizes(), (std::vector<int64_t>{2, 8, 8}));
    EXPECT_TRUE(torch::allclose(result.attributions, result.perChannel.sum(1)));
}

double completenessError(core::NetworkImpl &network, const at::Tensor &x, int64_t steps, core::RiemannRule rule,
                         core::BaselineKind baseline)
{
    core::ExplainRequest request;
    request.images = x;
    request.batchSize = 7; // chunks cut across images and steps
    request.integratedGradients.steps = steps;
    request.integratedGradients.rule = rule;
    request.integratedGradients.baseline = baseline;
    const auto result = core::explain(network, ExplainMethod::IntegratedGradients, request);
    const at::Tensor input = network.encode(x);
    const at::Tensor x0 = core::integratedGradientsBaseline(network, input, request.integratedGradients);
    torch::NoGradGuard noGrad;
    const at::Tensor f = network.forward(input).gather(1, result.targets.view({-1, 1})).view({-1});
    const at::Tensor f0 = network.forward(x0).gather(1, result.targets.view({-1, 1})).view({-1});
    return (result.attributions.sum({1, 2}) - (f - f0)).abs().max().item<double>() / (f - f0).abs().max().item<double>();
}

TEST(IntegratedGradients, CompletenessHoldsAndTightensWithMoreSteps)
{
    torch::manual_seed(5);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 4, false, true));
    const at::Tensor x = images(2);
    for (const auto rule : {core::RiemannRule::Trapezoid, core::RiemannRule::Right}) {
        const double coarse = completenessError(*network, x, 4, rule, core::BaselineKind::Zeros);
        const double fine = completenessError(*network, x, 64, rule, core::BaselineKind::Zeros);
        EXPECT_LT(fine, coarse);
        EXPECT_LT(fine, rule == core::RiemannRule::Trapezoid ? 1e-3 : 3e-2);
    }
    EXPECT_LT(completenessError(*network, x, 64, core::RiemannRule::Trapezoid, core::BaselineKind::Black), 1e-3);
}

TEST(IntegratedGradients, LinearModelIsExactWithOneStep)
{
    torch::manual_seed(6);
    auto model = std::make_shared<LinearImpl>(6 * 8 * 8, 3);
    auto network = makeNetwork(model, true);
    core::ExplainRequest request;
    request.images = images(2);
    request.integratedGradients.steps = 1;
    request.integratedGradients.rule = core::RiemannRule::Right;
    request.integratedGradients.baseline = core::BaselineKind::Black;
    const auto result = core::explain(*network, ExplainMethod::IntegratedGradients, request);
    // Black image for a B-cos network: [0, 1] per channel pair.
    const at::Tensor x = network->encode(request.images);
    const at::Tensor x0 = torch::cat({torch::zeros({2, 3, 8, 8}), torch::ones({2, 3, 8, 8})}, 1);
    const at::Tensor w = model->fc->weight.detach().index_select(0, result.targets).view({2, 6, 8, 8});
    const at::Tensor expected = w / network->inputStd().to(torch::kFloat).view({1, 6, 1, 1}) * (x - x0);
    EXPECT_TRUE(test::allCloseGolden(result.perChannel, expected, 1e-5, 1e-6));
}

TEST(IntegratedGradients, RejectsBadOptions)
{
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 4));
    core::ExplainRequest request;
    request.images = images(2);
    request.integratedGradients.steps = 0;
    EXPECT_EQ(errorOf([&] { core::explain(*network, ExplainMethod::IntegratedGradients, request); }),
              "IntegratedGradientsOptions.steps: expected >= 1, got 0");
    request.integratedGradients.steps = 4;
    request.integratedGradients.baseline = core::BaselineKind::Custom;
    request.integratedGradients.customBaseline = torch::rand({3, 3, 8, 8});
    EXPECT_EQ(errorOf([&] { core::explain(*network, ExplainMethod::IntegratedGradients, request); }),
              "IntegratedGradientsOptions.customBaseline: expected an image [1 or 2, 3, 8, 8], got [3, 3, 8, 8]");
    request.integratedGradients.customBaseline = torch::full({1, 3, 8, 8}, 0.5);
    const auto result = core::explain(*network, ExplainMethod::IntegratedGradients, request);
    EXPECT_EQ(result.attributions.sizes(), (std::vector<int64_t>{2, 8, 8}));
}

TEST(Occlusion, ConstantModelGivesZero)
{
    auto network = makeNetwork(std::make_shared<ConstantImpl>());
    core::ExplainRequest request;
    request.images = images(2, 10);
    request.occlusion.window = 4;
    request.occlusion.stride = 3;
    const auto result = core::explain(*network, ExplainMethod::Occlusion, request);
    EXPECT_EQ(result.attributions.sizes(), (std::vector<int64_t>{2, 10, 10}));
    EXPECT_EQ(result.attributions.abs().max().item<float>(), 0.0f);
    EXPECT_TRUE(torch::equal(result.targets, torch::tensor({2, 2}, torch::kLong)));
}

TEST(Occlusion, WholeImageWindowGivesTheScoreDrop)
{
    torch::manual_seed(7);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 4));
    core::ExplainRequest request;
    request.images = images(2);
    request.occlusion.window = 8;
    request.occlusion.baselineValue = 0.25;
    const auto result = core::explain(*network, ExplainMethod::Occlusion, request);
    torch::NoGradGuard noGrad;
    const at::Tensor grey = network->forward(network->encode(torch::full({2, 3, 8, 8}, 0.25)));
    const at::Tensor drop = result.logits.gather(1, result.targets.view({-1, 1})) - grey.gather(1, result.targets.view({-1, 1}));
    EXPECT_TRUE(torch::allclose(result.attributions, drop.view({2, 1, 1}).expand({2, 8, 8}), 1e-5, 1e-6));
}

TEST(Occlusion, OriginsCoverTheImageAndBadWindowsFail)
{
    EXPECT_EQ(core::occlusionOrigins(10, 4, 3), (std::vector<int64_t>{0, 3, 6}));
    EXPECT_EQ(core::occlusionOrigins(11, 4, 3), (std::vector<int64_t>{0, 3, 6, 7}));
    EXPECT_EQ(errorOf([] { core::occlusionOrigins(8, 9, 1); }),
              "OcclusionOptions.window: expected 1..8 (the image side), got 9");
    EXPECT_EQ(errorOf([] { core::occlusionOrigins(8, 2, 0); }), "OcclusionOptions.stride: expected >= 1, got 0");
}

TEST(GuidedBackprop, GradientsThroughReluAreNonNegative)
{
    torch::manual_seed(8);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 4, true));
    core::ExplainRequest request;
    request.images = images(3);
    const auto guided = core::explain(*network, ExplainMethod::GuidedBackprop, request);
    EXPECT_GE(guided.perChannel.min().item<float>(), 0.0f);
    EXPECT_GT(guided.perChannel.max().item<float>(), 0.0f);
    // The plain gradient of the same model does have negative entries, and the guard is released afterwards.
    const at::Tensor plain = core::detail::targetGradient(*network, network->encode(request.images), guided.targets);
    EXPECT_LT(plain.min().item<float>(), 0.0f);
    EXPECT_TRUE(torch::allclose(guided.attributions, guided.perChannel.sum(1)));
}

TEST(Rise, DeterministicForASeedWhateverTheBatchSize)
{
    torch::manual_seed(9);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 4));
    core::ExplainRequest request;
    request.images = images(2);
    request.rise.numMasks = 40;
    request.rise.gridSize = 3;
    request.rise.seed = 11;
    request.batchSize = 16;
    const auto first = core::explain(*network, ExplainMethod::Rise, request);
    const auto again = core::explain(*network, ExplainMethod::Rise, request);
    EXPECT_TRUE(torch::equal(first.attributions, again.attributions));
    request.batchSize = 7;
    const auto rebatched = core::explain(*network, ExplainMethod::Rise, request);
    // Another batch size may run other convolution kernels: the masked scores then differ by float32 rounding,
    // bounded as the golden README bounds model outputs (rtol 1e-4, 1e-5 x max per image).
    EXPECT_TRUE(test::allCloseGolden(rebatched.attributions, first.attributions, 1e-4, 1e-5));
    request.rise.seed = 12;
    const auto other = core::explain(*network, ExplainMethod::Rise, request);
    EXPECT_FALSE(torch::allclose(first.attributions, other.attributions));
}

TEST(Rise, MasksAreInUnitRangeAndKeepAboutP)
{
    core::RiseOptions options;
    options.gridSize = 4;
    options.keepProbability = 0.25;
    options.seed = 3;
    const at::Tensor masks = core::riseMasks(options, 16, 12, 0, 400);
    EXPECT_EQ(masks.sizes(), (std::vector<int64_t>{400, 16, 12}));
    EXPECT_GE(masks.min().item<float>(), 0.0f);
    EXPECT_LE(masks.max().item<float>(), 1.0f);
    EXPECT_NEAR(masks.mean().item<double>(), 0.25, 0.03);
    EXPECT_TRUE(torch::equal(core::riseMasks(options, 16, 12, 5, 2), masks.slice(0, 5, 7)));
    options.keepProbability = 0;
    EXPECT_EQ(errorOf([&] { core::riseMasks(options, 8, 8, 0, 1); }), "RiseOptions.keepProbability: expected (0, 1], got 0");
}

TEST(Rise, ConstantModelGivesUniformSaliency)
{
    auto network = makeNetwork(std::make_shared<ConstantImpl>());
    core::ExplainRequest request;
    request.images = images(1);
    request.rise.numMasks = 50;
    request.rise.useProbabilities = false;
    const auto result = core::explain(*network, ExplainMethod::Rise, request);
    // sum_m 2 * mask_m / (M p) = 2 * mean mask / p.
    const at::Tensor masks = core::riseMasks(request.rise, 8, 8, 0, 50);
    EXPECT_TRUE(torch::allclose(result.attributions[0], 2.0 * masks.mean(0) / 0.5, 1e-5, 1e-6));
}

TEST(GradCam, TinyModelMatchesTheClosedForm)
{
    torch::manual_seed(10);
    auto model = std::make_shared<TinyConvImpl>(3, 4);
    auto network = makeNetwork(model);
    core::ExplainRequest request;
    request.images = images(2);
    request.targets = torch::tensor({1, 3}, torch::kLong);
    const auto result = core::explain(*network, ExplainMethod::GradCam, request);
    // S = mean_{hw} (W2 A + b) -> dS/dA_k = W2[t, k] / (h w); summed over space: W2[t, k].
    const at::Tensor a = model->features(network->encode(request.images)).detach();
    const at::Tensor w2 = model->head->weight.detach().view({4, 4}).index_select(0, *request.targets);
    const at::Tensor cam = torch::relu((w2.view({2, 4, 1, 1}) * a).sum(1));
    EXPECT_TRUE(test::allCloseGolden(result.cam, cam, 1e-5, 1e-6));
    EXPECT_TRUE(torch::equal(result.attributions, result.cam)); // features at input resolution
    request.gradCam.meanWeights = true;
    const auto mean = core::explain(*network, ExplainMethod::GradCam, request);
    EXPECT_TRUE(test::allCloseGolden(mean.cam, cam / 64.0, 1e-5, 1e-6));
}

TEST(GradCam, CustomLayerSplit)
{
    torch::manual_seed(11);
    auto model = std::make_shared<TinyConvImpl>(3, 4);
    auto network = makeNetwork(model);
    core::ExplainRequest request;
    request.images = images(1);
    // Split after the 1x1 head: A = logit maps [N, K, h, w], head = spatial mean.
    request.gradCam.split.features = [&](core::NetworkImpl &, const at::Tensor &x) {
        return torch::avg_pool2d(model->head->forward(model->features(x)), 2);
    };
    request.gradCam.split.head = [](core::NetworkImpl &, const at::Tensor &a) { return a.mean({2, 3}); };
    const auto result = core::explain(*network, ExplainMethod::GradCam, request);
    EXPECT_EQ(result.cam.sizes(), (std::vector<int64_t>{1, 4, 4}));
    EXPECT_EQ(result.attributions.sizes(), (std::vector<int64_t>{1, 8, 8}));
    // w_k = 1 for k = target, 0 otherwise: cam = relu(A_target), nearest-upsampled by 2.
    const at::Tensor a = torch::avg_pool2d(model->head->forward(model->features(network->encode(request.images))), 2).detach();
    const int64_t t = result.targets[0].item<int64_t>();
    EXPECT_TRUE(test::allCloseGolden(result.cam[0], torch::relu(a[0][t]), 1e-5, 1e-6, false));
    EXPECT_TRUE(torch::equal(result.attributions[0].slice(0, 0, 8, 2).slice(1, 0, 8, 2), result.cam[0]));
}

class GradCamGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(GradCamGolden, CamFromStoredFeaturesAndGradients)
{
    const test::GoldenCase golden("gradcam");
    const std::string prefix = "expected." + GetParam() + ".";
    const at::Tensor features = golden.tensor(prefix + "features");
    const at::Tensor gradients = golden.tensor(prefix + "grad_features");
    const at::Tensor cam = core::gradCamFromGradients(features, gradients, false);
    EXPECT_TRUE(test::allCloseGolden(cam, golden.tensor(prefix + "cam").squeeze(1), 1e-3, 5e-5));
    const at::Tensor image = golden.tensor("input.image");
    const at::Tensor up = core::upsampleNearest(cam, image.size(2), image.size(3));
    EXPECT_TRUE(test::allCloseGolden(up, golden.tensor(prefix + "cam_upsampled").squeeze(1), 1e-3, 5e-5));
    const at::Tensor meanCam = core::gradCamFromGradients(features, gradients, true);
    EXPECT_TRUE(test::allCloseGolden(meanCam, golden.tensor(prefix + "cam_mean_weights").squeeze(1), 1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseGolden(core::upsampleNearest(meanCam, image.size(2), image.size(3)),
                                     golden.tensor(prefix + "cam_mean_weights_upsampled").squeeze(1), 1e-3, 5e-5));
}

INSTANTIATE_TEST_SUITE_P(Networks, GradCamGolden, ::testing::Values("standard", "bcosified"));

TEST(GradCam, RejectsMismatchedShapes)
{
    EXPECT_EQ(errorOf([] { core::gradCamFromGradients(torch::zeros({1, 2, 3, 3}), torch::zeros({1, 2, 3}), false); }),
              "GradCAM: expected features and gradients [N, C, h, w] of one shape, got [1, 2, 3, 3] and [1, 2, 3]");
}

TEST(Explainer, ProgressCanCancel)
{
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(3, 4));
    core::ExplainRequest request;
    request.images = images(2);
    request.batchSize = 4;
    request.integratedGradients.steps = 8;
    int64_t calls = 0;
    request.progress = [&](int64_t done, int64_t total) {
        ++calls;
        EXPECT_EQ(total, 18);
        return done < 8;
    };
    EXPECT_EQ(errorOf([&] { core::explain(*network, ExplainMethod::IntegratedGradients, request); }),
              "explanation cancelled after 8 of 18 steps");
    EXPECT_EQ(calls, 2);
}

TEST(GridPgWithExplainer, ExplanationsOfGridImagesAreScored)
{
    torch::manual_seed(12);
    auto network = makeNetwork(std::make_shared<TinyConvImpl>(6, 5), true);
    const at::Tensor x = images(4);
    const at::Tensor labels = torch::tensor({4, 0, 2, 1}, torch::kLong);
    std::vector<at::Tensor> seen;
    const core::GridExplainer explainer = [&](const at::Tensor &grid, const at::Tensor &targets) {
        core::ExplainRequest request;
        request.images = grid;
        request.targets = targets;
        const auto result = core::explain(*network, ExplainMethod::InputXGradient, request);
        seen.push_back(result.targets);
        return result.perChannel;
    };
    const auto result = core::evaluateGridPointingGame(x, labels, {{3, 2, 1, 0}}, 2, explainer, 3);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_TRUE(torch::equal(seen[0], torch::tensor({1, 2, 0, 4}, torch::kLong)));
    EXPECT_EQ(result.fractions.sizes(), (std::vector<int64_t>{1, 4, 4}));
    const at::Tensor sums = result.fractions.sum(2);
    EXPECT_TRUE(torch::allclose(sums, torch::ones_like(sums), 1e-5, 1e-6) || sums.eq(0).any().item<bool>());
    EXPECT_GE(result.fractions.min().item<float>(), 0.0f);
    EXPECT_TRUE(torch::equal(result.scores, torch::diagonal(result.fractions, 0, 1, 2)));
}

} // namespace
} // namespace bcos
