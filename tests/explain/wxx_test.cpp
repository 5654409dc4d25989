// W(x)x explanations of B-cosified CNNs and their RGBA rendering against the reference's explain() and
// gradient_to_image (golden resnet_basic, resnet_bottleneck, densenet), plus dynamic linearity.
#include "core/buildinfo.h"
#include "core/error.h"
#include "core/explain/explainer.h"
#include "core/explain/rgba.h"
#include "core/explain/wxx.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tensorcompare.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <dlfcn.h>

#include <thread>

namespace bcos {
namespace {

using test::errorOf;

at::Tensor std6(const core::NetworkImpl &network) { return network.inputStd().to(torch::kFloat).view({1, 6, 1, 1}); }

void expectGoldenExplanations()
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
        const core::WxxResult result = core::explainWxx(*network, golden.tensor("input.image"));
        EXPECT_TRUE(torch::equal(result.targets, golden.tensor("expected.explain.class")));
        const at::Tensor explained = result.logits.gather(1, result.targets.view({-1, 1})).squeeze(1);
        EXPECT_TRUE(test::allCloseGolden(explained - network->logitBias(),
                                         golden.tensor("expected.explain.logit") - network->logitBias(), 1e-4, 1e-5));
        EXPECT_TRUE(test::allCloseGolden(result.dynamicWeights, golden.tensor("expected.explain.W"), 1e-3, 5e-5));
        EXPECT_TRUE(test::allCloseGolden(result.contributions, golden.tensor("expected.explain.contribution_map"),
                                         1e-3, 5e-5));
        const at::Tensor image6 = golden.tensor("input.image6");
        // A sum of W * x inherits W's tolerance term by term: |error| <= 1e-3 sum|W x| + 5e-5 max|W| sum|x|
        // per image, i.e. 1e-3 x (sum|W x| + 0.05 max|W| sum|x|).
        const auto sumMagnitude = [](const at::Tensor &w, const at::Tensor &x) {
            const at::Tensor maxW = w.abs().reshape({w.size(0), -1}).amax(1);
            return (w * x).abs().sum({1, 2, 3}) + 0.05 * maxW * x.abs().sum({1, 2, 3});
        };
        EXPECT_TRUE(test::allCloseToSum((result.dynamicWeights * image6).sum({1, 2, 3}),
                                        golden.tensor("expected.explain.sum_W_x6"),
                                        sumMagnitude(result.dynamicWeights, image6), 1e-3, 0, false));
        // Wn = W * s6 is the gradient w.r.t. the normalised input xn.
        const at::Tensor wn = result.dynamicWeights * std6(*network);
        const at::Tensor xn = network->normalizeInput(image6);
        EXPECT_TRUE(test::allCloseToSum((wn * xn).sum({1, 2, 3}), golden.tensor("expected.explain.sum_Wn_xn"),
                                        sumMagnitude(wn, xn), 1e-3, 0, false));
        EXPECT_FALSE(network->is_training());
    }
}

TEST(Wxx, MatchesGoldenExplanations) { expectGoldenExplanations(); }

// Every program flushes denormals (core::flushDenormals(): ~13x faster deep B-cos explanations); the explanations
// stay the reference's. Run on a thread of its own, as the flag is per thread and must not leak into other tests.
TEST(Wxx, MatchesGoldenExplanationsWithDenormalsFlushed)
{
    std::thread([] {
        core::configureThreads(2); // what every program does at start-up (each ctest test is a process of its own)
        volatile float denormal = 1e-39f; // below float's smallest normal, 1.18e-38
        EXPECT_EQ(denormal * 1.0f, 0.0f) << "this thread does not flush denormals";
        // ...and neither do the OpenMP threads of a parallel elementwise op,
        const at::Tensor many = torch::full({1 << 20}, 1e-39f);
        EXPECT_EQ((many * 1.0f).count_nonzero().item<int64_t>(), 0) << "LibTorch's intra-op threads keep denormals";
        // ...nor the BLAS threads of a matrix product (every product 1e-40 is flushed: the sums stay 0).
        const at::Tensor tiny = torch::full({512, 1024}, 1e-20f);
        EXPECT_EQ(torch::mm(tiny, tiny.t()).count_nonzero().item<int64_t>(), 0) << "the BLAS threads keep denormals";
        expectGoldenExplanations();
    }).join();
}

// The studio's workers share the cores: a team size set on one thread stays on it (core::setThreadsOfThisThread).
TEST(Threads, ATeamSizeSetOnAThreadStaysOnThatThread)
{
    if (!dlsym(RTLD_DEFAULT, "omp_set_num_threads"))
        GTEST_SKIP() << "this LibTorch does not use OpenMP";
    core::configureThreads(2);
    int inside = 0, later = 0;
    std::thread([&inside] {
        core::setThreadsOfThisThread(1);
        inside = at::get_num_threads();
    }).join();
    std::thread([&later] { later = at::get_num_threads(); }).join();
    EXPECT_EQ(inside, 1);
    EXPECT_EQ(later, 2); // a thread started afterwards has the configured default
    EXPECT_EQ(at::get_num_threads(), 2);
}

TEST(Wxx, ExplainDispatcherRunsWxx)
{
    const test::GoldenCase golden("resnet_basic");
    core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
    const at::Tensor images = golden.tensor("input.image");
    const core::WxxResult direct = core::explainWxx(*network, images);
    core::ExplainRequest request;
    request.images = images;
    request.targets = (direct.targets + 1).remainder(direct.logits.size(1));
    const core::WxxResult other = core::explainWxx(*network, images, *request.targets);
    const core::Explanation viaDispatcher = core::explain(*network, "wxx", request);
    EXPECT_EQ(viaDispatcher.method, core::ExplainMethod::Wxx);
    EXPECT_TRUE(torch::equal(viaDispatcher.targets, *request.targets));
    EXPECT_TRUE(torch::equal(viaDispatcher.logits, other.logits));
    EXPECT_TRUE(torch::equal(viaDispatcher.perChannel, other.dynamicWeights));
    EXPECT_TRUE(torch::equal(viaDispatcher.attributions, other.contributions));
    EXPECT_FALSE(viaDispatcher.cam.defined());

    core::Network standard = test::goldenStandardNetwork(golden);
    EXPECT_EQ(errorOf([&] { core::explain(*standard, core::ExplainMethod::Wxx, request); }),
              "W(x)x explanations need a B-cos network; this one is standard (convert it first, or use a post-hoc "
              "method)");
}

TEST(Wxx, DynamicLinearityHoldsOnEveryCnn)
{
    // sum(Wn * xn) == logit - logit_bias (the reference measures up to 7.4e-5 absolute, 3.6e-6 relative).
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
        const auto result = core::explainWxx(*network, golden.tensor("input.image"));
        const at::Tensor image6 = network->encode(golden.tensor("input.image"));
        const at::Tensor terms = result.dynamicWeights * std6(*network) * network->normalizeInput(image6);
        const at::Tensor preBias = result.logits.gather(1, result.targets.view({-1, 1})).squeeze(1) - network->logitBias();
        // Rounding scales with the magnitudes of the terms summed (>= |logit|), not with the logit.
        EXPECT_TRUE(test::allCloseToSum(terms.sum({1, 2, 3}), preBias, terms.abs().sum({1, 2, 3}), 1e-5, 1e-5, false));
    }
}

TEST(Wxx, DynamicLinearityHoldsForOtherBAndMaxOut)
{
    // Every B-cos layer is y * (detached factor) and max-out picks one linear unit, so the identity holds for any B.
    const test::GoldenCase golden("densenet");
    for (const auto &[b, maxOut] : std::vector<std::pair<double, int64_t>>{{1.5, 1}, {2.5, 2}, {1.0, 1}}) {
        SCOPED_TRACE(b);
        core::BcosSettings settings = test::goldenBcosSettings(golden);
        settings.b = b;
        settings.maxOut = maxOut;
        settings.meanFree = true;
        core::Network network = test::goldenBcosNetwork(golden, settings);
        const auto result = core::explainWxx(*network, golden.tensor("input.image"));
        const at::Tensor preBias = result.logits.gather(1, result.targets.view({-1, 1})).squeeze(1) - network->logitBias();
        const at::Tensor magnitude =
            (result.dynamicWeights * network->encode(golden.tensor("input.image"))).abs().sum({1, 2, 3});
        EXPECT_TRUE(test::allCloseToSum(result.contributions.sum({1, 2}), preBias, magnitude, 1e-5, 1e-5, false));
    }
}

TEST(Wxx, MeanFreeVariantIsDynamicLinearInTheRawImage6)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::BcosSettings settings = test::goldenBcosSettings(golden);
        settings.meanFree = true;
        core::Network network = test::goldenBcosNetwork(golden, settings);
        const auto result = core::explainWxx(*network, golden.tensor("input.image"));
        const at::Tensor preBias = result.logits.gather(1, result.targets.view({-1, 1})).squeeze(1) - network->logitBias();
        const at::Tensor magnitude =
            (result.dynamicWeights * network->encode(golden.tensor("input.image"))).abs().sum({1, 2, 3});
        EXPECT_TRUE(test::allCloseToSum(result.contributions.sum({1, 2}), preBias, magnitude, 1e-5, 1e-5, false));
    }
}

TEST(Wxx, BatchedEqualsPerImageAndExplicitTargets)
{
    const test::GoldenCase golden("resnet_bottleneck");
    core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
    const at::Tensor images = golden.tensor("input.image");
    // Explicit targets other than the predicted classes: image i explains class (3 + 4 i) mod K.
    const int64_t classes = golden.json().at("arch").at("num_classes").get<int64_t>();
    const at::Tensor targets = (3 + 4 * torch::arange(images.size(0), torch::kLong)).remainder(classes);
    const auto batched = core::explainWxx(*network, images, targets);
    EXPECT_TRUE(torch::equal(batched.targets, targets));
    // Batched and single-image passes run different BLAS blockings: agreement to the README's W tolerance.
    for (int64_t i = 0; i < images.size(0); ++i) {
        const auto single = core::explainWxx(*network, images.slice(0, i, i + 1), targets.slice(0, i, i + 1));
        EXPECT_TRUE(test::allCloseGolden(single.dynamicWeights, batched.dynamicWeights.slice(0, i, i + 1), 1e-3, 5e-5));
        EXPECT_TRUE(test::allCloseGolden(single.contributions, batched.contributions.slice(0, i, i + 1), 1e-3, 5e-5));
    }
    // The training flag is restored.
    network->train();
    core::explainWxx(*network, images);
    EXPECT_TRUE(network->is_training());
}

TEST(Wxx, RgbaFromStoredWeightsMatchesGradientToImage)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        const at::Tensor image6 = golden.tensor("input.image6");
        const at::Tensor w = golden.tensor("expected.explain.W");
        EXPECT_TRUE(test::allCloseAbs(core::gradientToRgba(image6, w, 0), golden.tensor("expected.explain.rgba_smooth0"), 1e-5));
        EXPECT_TRUE(test::allCloseAbs(core::gradientToRgba(image6, w, 15), golden.tensor("expected.explain.rgba_smooth15"), 1e-5));
        // A single [6, H, W] image gives [H, W, 4] (the last image of the case).
        const int64_t last = image6.size(0) - 1;
        EXPECT_TRUE(test::allCloseAbs(core::gradientToRgba(image6[last], w[last], 15),
                                      golden.tensor("expected.explain.rgba_smooth15")[last], 1e-5));
    }
}

TEST(Wxx, RgbaEndToEnd)
{
    for (const char *name : test::kCnnCases) {
        SCOPED_TRACE(name);
        const test::GoldenCase golden(name);
        core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
        const auto result = core::explainWxx(*network, golden.tensor("input.image"));
        const at::Tensor image6 = golden.tensor("input.image6");
        // W's golden tolerance propagated into the (ill-conditioned) colours, 5e-4 as the README says.
        const at::Tensor w = golden.tensor("expected.explain.W");
        EXPECT_TRUE(test::allCloseRgba(core::gradientToRgba(image6, result.dynamicWeights, 15),
                                       golden.tensor("expected.explain.rgba_smooth15"), w, 1e-3, 5e-5, 5e-4));
        EXPECT_TRUE(test::allCloseRgba(core::gradientToRgba(image6, result.dynamicWeights, 0),
                                       golden.tensor("expected.explain.rgba_smooth0"), w, 1e-3, 5e-5, 5e-4));
    }
}

TEST(Wxx, Errors)
{
    const test::GoldenCase golden("resnet_basic");
    core::Network standard = test::goldenStandardNetwork(golden);
    const at::Tensor images = golden.tensor("input.image");
    EXPECT_EQ(errorOf([&] { core::explainWxx(*standard, images); }),
              "W(x)x explanations need a B-cos network; this one is standard (convert it first, or use a post-hoc "
              "method)");
    core::Network network = test::goldenBcosNetwork(golden, test::goldenBcosSettings(golden));
    // The case's N images of H x W and K classes.
    const int64_t n = images.size(0), classes = golden.json().at("arch").at("num_classes").get<int64_t>();
    const std::string hw = fmt::format("{}, {}", images.size(2), images.size(3));
    at::Tensor beyond = torch::zeros({n}, torch::kLong);
    beyond[n - 1] = classes;
    EXPECT_EQ(errorOf([&] { core::explainWxx(*network, images, beyond); }),
              fmt::format("explain: target classes must be in [0, {}), got {} to {}", classes, n > 1 ? 0 : classes,
                          classes));
    EXPECT_EQ(errorOf([&] { core::explainWxx(*network, images, torch::zeros({n + 1}, torch::kLong)); }),
              fmt::format("explain: expected integer targets [{}], got [{}]", n, n + 1));
    EXPECT_EQ(errorOf([&] { core::explainWxx(*network, images.slice(1, 0, 1)); }),
              fmt::format("explain: expected images [N, 3, H, W] in [0, 1], got [{}, 1, {}]", n, hw));
    const at::Tensor w = golden.tensor("expected.explain.W");
    EXPECT_EQ(errorOf([&] { core::gradientToRgba(golden.tensor("input.image6"), w, 4); }),
              "gradientToRgba: smooth must be 0 or an odd kernel size, got 4");
    EXPECT_EQ(errorOf([&] { core::gradientToRgba(golden.tensor("input.image6"), w, 15, 0); }),
              "gradientToRgba: the alpha percentile must be in (0, 100], got 0");
    EXPECT_EQ(errorOf([&] { core::gradientToRgba(golden.tensor("input.image"), w); }),
              fmt::format("gradientToRgba: expected image6 and W of equal shape [N, 6, H, W], got [{}, 3, {}] and "
                          "[{}, 6, {}]", n, hw, n, hw));
}

} // namespace
} // namespace bcos
