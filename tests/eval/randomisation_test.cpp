// Cascading model-parameter randomisation on small modules whose explanations are known.
#include "core/error.h"
#include "core/eval/metrics/randomisation.h"
#include "core/eval/metrics/statistics.h"
#include "tests/support/errorof.h"
#include "tests/support/linearscore.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

namespace bcos {
namespace {

using test::errorOf;

/// Three layers in registration order "input" (3 x 16 -> 8), "hidden" (8 -> 8), "output" (8 -> 1), plus a norm
/// that must stay. The "gradient map" explainer below reads the input layer's weights as a [4, 4] map.
struct CascadeNet : torch::nn::Module {
    torch::nn::Linear input{nullptr}, hidden{nullptr}, output{nullptr};
    torch::nn::LayerNorm norm{nullptr};
    CascadeNet()
    {
        torch::manual_seed(3);
        input = register_module("input", torch::nn::Linear(48, 8));
        norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({8})));
        hidden = register_module("hidden", torch::nn::Linear(8, 8));
        output = register_module("output", torch::nn::Linear(8, 1));
    }
    /// The weights of every layer, cloned.
    std::vector<at::Tensor> snapshot() const
    {
        return {input->weight.detach().clone(), hidden->weight.detach().clone(), output->weight.detach().clone(),
                norm->weight.detach().clone()};
    }
};

/// |first row of the input layer| summed over channels, per image: a map that changes only with that layer.
core::BatchExplainer inputWeightMap(CascadeNet &net)
{
    return [&net](const at::Tensor &images, const at::Tensor &) {
        const at::Tensor map = net.input->weight[0].detach().view({3, 4, 4}).sum(0);
        return map.unsqueeze(0).expand({images.size(0), 4, 4}).clone();
    };
}

at::Tensor images4() { return test::seededImages(3, 4, 4, 1); }
at::Tensor targets4() { return torch::zeros({3}, torch::kLong); }

TEST(Randomisation, LayersAreRandomisedFromTheTopAndNormsStay)
{
    CascadeNet net;
    EXPECT_EQ(core::randomisableLayers(net), (std::vector<std::string>{"output", "hidden", "input"}));
    std::vector<std::vector<at::Tensor>> seen;
    const core::BatchExplainer recorder = [&](const at::Tensor &images, const at::Tensor &) {
        seen.push_back(net.snapshot());
        return images.sum(1);
    };
    const auto before = net.snapshot();
    core::RandomisationOptions options;
    const auto result = core::modelRandomisation(net, recorder, images4(), targets4(), options);
    ASSERT_EQ(seen.size(), 4u); // the original, then after 1, 2 and 3 layers
    // Stage s has changed exactly the top s layers (output = 2, hidden = 1, input = 0 in the snapshot).
    for (size_t stage = 1; stage <= 3; ++stage)
        for (size_t layer = 0; layer < 3; ++layer)
            EXPECT_EQ(torch::equal(seen[stage][layer], before[layer]), layer < 3 - stage) << stage << " " << layer;
    for (const auto &weights : seen)
        EXPECT_TRUE(torch::equal(weights[3], before[3])); // the norm's weight
    // Restored afterwards.
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(torch::equal(net.snapshot()[i], before[i]));
    EXPECT_EQ(result.layers, (std::vector<std::string>{"output", "hidden", "input"}));
    EXPECT_TRUE(torch::equal(result.layerCounts, torch::tensor({1, 2, 3}, torch::kLong)));
}

TEST(Randomisation, AMapThatIgnoresTheModelStaysPerfectlyCorrelated)
{
    // Adebayo et al.'s failure case: an explanation that is a function of the input alone (here the image itself).
    CascadeNet net;
    const core::BatchExplainer edges = [](const at::Tensor &images, const at::Tensor &) { return images.sum(1); };
    const auto result = core::modelRandomisation(net, edges, images4(), targets4(), {});
    EXPECT_TRUE(torch::equal(result.similarity, torch::ones({3, 3}, torch::kDouble)));
}

TEST(Randomisation, SimilarityIsTheRankCorrelationWithTheRandomisedMap)
{
    CascadeNet net;
    std::vector<at::Tensor> maps;
    const core::BatchExplainer explainer = inputWeightMap(net);
    const core::BatchExplainer recorder = [&](const at::Tensor &images, const at::Tensor &targets) {
        maps.push_back(explainer(images, targets));
        return maps.back();
    };
    const auto result = core::modelRandomisation(net, recorder, images4(), targets4(), {});
    // Only the last stage touches the input layer: before it the map is unchanged.
    EXPECT_TRUE(torch::equal(result.similarity.slice(1, 0, 2), torch::ones({3, 2}, torch::kDouble)));
    const double expected = core::spearmanCorrelation(maps[0][0].abs().flatten(), maps[3][0].abs().flatten());
    EXPECT_EQ(result.similarity[0][2].item<double>(), expected);
    EXPECT_LT(expected, 0.99); // new weights, new order
    // Signed maps when asked.
    core::RandomisationOptions signedMaps;
    signedMaps.absolute = false;
    maps.clear();
    const auto plain = core::modelRandomisation(net, recorder, images4(), targets4(), signedMaps);
    EXPECT_EQ(plain.similarity[0][2].item<double>(),
              core::spearmanCorrelation(maps[0][0].flatten(), maps[3][0].flatten()));
}

TEST(Randomisation, StagesSeedsAndChunks)
{
    CascadeNet net;
    core::RandomisationOptions options;
    options.stages = 2; // after round(1.5) = 2 and 3 layers
    const auto two = core::modelRandomisation(net, inputWeightMap(net), images4(), targets4(), options);
    EXPECT_TRUE(torch::equal(two.layerCounts, torch::tensor({2, 3}, torch::kLong)));
    options.stages = 1;
    options.batchSize = 1; // every chunk randomises again, to the same weights
    const auto one = core::modelRandomisation(net, inputWeightMap(net), images4(), targets4(), options);
    EXPECT_TRUE(torch::equal(one.layerCounts, torch::tensor({3}, torch::kLong)));
    EXPECT_TRUE(torch::equal(one.similarity.select(1, 0), two.similarity.select(1, 1)));
    options.seed = 5;
    const auto other = core::modelRandomisation(net, inputWeightMap(net), images4(), targets4(), options);
    EXPECT_NE(other.similarity[0][0].item<double>(), one.similarity[0][0].item<double>());
}

TEST(Randomisation, WeightsAreRestoredWhenTheExplainerFailsOrTheRunIsCancelled)
{
    CascadeNet net;
    const auto before = net.snapshot();
    int calls = 0;
    const core::BatchExplainer failing = [&](const at::Tensor &images, const at::Tensor &) {
        if (++calls == 3)
            throw core::Error(core::ErrorCode::Numerical, "explainer broke");
        return images.sum(1);
    };
    EXPECT_EQ(errorOf([&] { core::modelRandomisation(net, failing, images4(), targets4(), {}); }), "explainer broke");
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(torch::equal(net.snapshot()[i], before[i]));
    try {
        core::modelRandomisation(net, inputWeightMap(net), images4(), targets4(), {}, [](int64_t, int64_t) { return false; });
        FAIL() << "not cancelled";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Cancelled);
        EXPECT_STREQ(error.what(), "model randomisation cancelled after 1 of 3 steps");
    }
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(torch::equal(net.snapshot()[i], before[i]));
}

TEST(Randomisation, ClearErrors)
{
    CascadeNet net;
    const core::BatchExplainer zeros = [](const at::Tensor &images, const at::Tensor &) {
        at::Tensor maps = images.sum(1);
        maps[1].zero_();
        return maps;
    };
    EXPECT_EQ(errorOf([&] { core::modelRandomisation(net, zeros, images4(), targets4(), {}); }),
              "model randomisation: attribution map 1 is all zero (nothing to compare with)");
    const core::BatchExplainer wrong = [](const at::Tensor &images, const at::Tensor &) { return images; };
    EXPECT_EQ(errorOf([&] { core::modelRandomisation(net, wrong, images4(), targets4(), {}); }),
              "model randomisation: the explainer returned [3, 3, 4, 4] for 3 images (expected [B, H, W])");
    torch::nn::Module empty;
    EXPECT_EQ(errorOf([&] { core::modelRandomisation(empty, wrong, images4(), targets4(), {}); }),
              "model randomisation: the model has no layer with a weight matrix or kernel to randomise");
    core::RandomisationOptions options;
    options.stages = -1;
    EXPECT_EQ(errorOf([&] { core::modelRandomisation(net, wrong, images4(), targets4(), options); }),
              "model randomisation: stages must be >= 0, got -1");
}

} // namespace
} // namespace bcos
