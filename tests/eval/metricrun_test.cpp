// The dataset-scale driver: every metric through evaluateMetric() on a tiny B-cos network, chunking, targets,
// progress, cancellation and errors; the attribution sources (methods and the random floor).
#include "core/error.h"
#include "core/eval/metrics/attributionsource.h"
#include "core/eval/metrics/complexity.h"
#include "core/eval/metrics/metricrun.h"
#include "core/eval/metrics/perturbationcurve.h"
#include "tests/support/errorof.h"
#include "tests/support/linearscore.h"
#include "tests/support/tinymodel.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <functional>

namespace bcos {
namespace {

using test::errorOf;

constexpr int64_t kImages = 5;

core::MetricRequest requestFor(core::Metric metric, const at::Tensor &images)
{
    core::MetricRequest request;
    request.metric = metric;
    request.images = images;
    request.batchSize = 3; // two chunks: 3 + 2 images
    request.perturbation.steps = 4;
    request.road.percentiles = {25, 75};
    request.regions = torch::zeros({images.size(0), 8, 8}, torch::kBool);
    request.regions.slice(1, 2, 6).slice(2, 2, 6).fill_(true);
    return request;
}

TEST(MetricRun, NamesRoundTripAndSayWhichWayIsBetter)
{
    for (const core::Metric metric : core::allMetrics())
        EXPECT_EQ(core::parseMetric(core::metricName(metric)), metric);
    EXPECT_EQ(core::allMetrics().size(), 10u);
    EXPECT_EQ(errorOf([] { core::parseMetric("accuracy"); }),
              "unknown metric 'accuracy' (expected deletion, insertion, road-morf, road-lerf, epg, average-drop, "
              "confidence-increase, sparseness, complexity or randomisation)");
    EXPECT_FALSE(core::higherIsBetter(core::Metric::Deletion));
    EXPECT_TRUE(core::higherIsBetter(core::Metric::Insertion));
    EXPECT_FALSE(core::higherIsBetter(core::Metric::RoadMorf));
    EXPECT_TRUE(core::higherIsBetter(core::Metric::RoadLerf));
    EXPECT_TRUE(core::higherIsBetter(core::Metric::EnergyPointingGame));
    EXPECT_FALSE(core::higherIsBetter(core::Metric::AverageDrop));
    EXPECT_TRUE(core::higherIsBetter(core::Metric::ConfidenceIncrease));
    EXPECT_TRUE(core::higherIsBetter(core::Metric::Sparseness));
    EXPECT_FALSE(core::higherIsBetter(core::Metric::Complexity));
    EXPECT_FALSE(core::higherIsBetter(core::Metric::Randomisation));
}

TEST(MetricRun, AttributionSources)
{
    EXPECT_FALSE(core::parseAttributionSource("random").method.has_value());
    EXPECT_EQ(core::parseAttributionSource("intgrad").method, core::ExplainMethod::IntegratedGradients);
    EXPECT_EQ(core::attributionSourceName(core::parseAttributionSource("gradcam")), "gradcam");
    EXPECT_EQ(core::attributionSourceName({}), "random");
    EXPECT_EQ(errorOf([] { core::parseAttributionSource("magic"); }),
              "unknown attribution method 'magic' (expected one of: wxx, gradcam, ixg, intgrad, guided, occlusion, rise, "
              "random)");
}

TEST(MetricRun, RandomMapsDoNotDependOnTheBatching)
{
    const at::Tensor images = test::seededImages(kImages, 8, 8, 1), targets = torch::zeros({kImages}, torch::kLong);
    const at::Tensor whole = core::randomExplainer(3)(images, targets);
    const core::BatchExplainer chunked = core::randomExplainer(3);
    const at::Tensor parts = torch::cat({chunked(images.slice(0, 0, 2), targets.slice(0, 0, 2)),
                                         chunked(images.slice(0, 2, 5), targets.slice(0, 2, 5))});
    EXPECT_TRUE(torch::equal(whole, parts));
    EXPECT_EQ(whole.sizes(), (std::vector<int64_t>{kImages, 8, 8}));
    EXPECT_FALSE(torch::equal(whole, core::randomExplainer(4)(images, targets)));
    EXPECT_GE(whole.min().item<float>(), 0.0f);
    EXPECT_LT(whole.max().item<float>(), 1.0f);
}

TEST(MetricRun, EveryMetricGivesOneFiniteValuePerImage)
{
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 2);
    for (const char *method : {"wxx", "random"}) {
        const core::BatchExplainer explainer =
            core::sourceExplainer(*network, core::parseAttributionSource(method), core::ExplainRequest{}, 0);
        for (const core::Metric metric : core::allMetrics()) {
            SCOPED_TRACE(std::string(method) + " " + std::string(core::metricName(metric)));
            const auto result = core::evaluateMetric(*network, explainer, requestFor(metric, images));
            ASSERT_EQ(result.values.sizes(), (std::vector<int64_t>{kImages}));
            EXPECT_TRUE(result.values.isfinite().all().item<bool>());
            EXPECT_EQ(result.targets.sizes(), (std::vector<int64_t>{kImages}));
            const bool curve = metric == core::Metric::Deletion || metric == core::Metric::Insertion
                || metric == core::Metric::RoadMorf || metric == core::Metric::RoadLerf
                || metric == core::Metric::Randomisation;
            EXPECT_EQ(result.curves.defined(), curve);
            if (curve)
                EXPECT_EQ(result.curves.size(1), result.curveX.size(0));
        }
    }
}

TEST(MetricRun, TheDriverGivesWhatTheMetricGivesChunkByChunk)
{
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 3);
    const core::BatchExplainer explainer = core::methodExplainer(*network, core::ExplainMethod::Wxx, {});
    core::MetricRequest request = requestFor(core::Metric::Deletion, images);
    const auto run = core::evaluateMetric(*network, explainer, request);

    const auto predicted = [&network](const at::Tensor &x) {
        torch::NoGradGuard noGrad;
        return network->forward(network->encode(x)).argmax(1);
    };
    const at::Tensor targets = torch::cat({predicted(images.slice(0, 0, 3)), predicted(images.slice(0, 3, 5))});
    EXPECT_TRUE(torch::equal(run.targets, targets));
    // The driver's chunks (3 + 2 images, perturbed images scored 3 at a time) give exactly what the metric gives
    // on each chunk: the same batches through the network, so the same float32 rounding.
    core::PerturbationOptions options = request.perturbation;
    options.batchSize = 3;
    std::vector<at::Tensor> auc, scores;
    for (const auto &[begin, end] : {std::pair<int64_t, int64_t>{0, 3}, {3, 5}}) {
        const at::Tensor x = images.slice(0, begin, end), t = targets.slice(0, begin, end);
        const auto direct = core::perturbationCurves(core::networkScores(*network), x, t, explainer(x, t), options);
        auc.push_back(direct.auc);
        scores.push_back(direct.scores);
        EXPECT_TRUE(torch::equal(run.curveX, direct.fractions));
    }
    EXPECT_TRUE(torch::equal(run.values, torch::cat(auc)));
    EXPECT_TRUE(torch::equal(run.curves, torch::cat(scores)));

    // Given targets are used as given.
    request.targets = torch::full({kImages}, 7, torch::kLong);
    EXPECT_TRUE(torch::equal(core::evaluateMetric(*network, explainer, request).targets, *request.targets));
}

/// `request` with its images, targets and regions served by readChunk instead; `calls` records each read.
core::MetricRequest streamed(core::MetricRequest request, std::vector<std::pair<int64_t, int64_t>> &calls)
{
    core::MetricRequest out = request;
    out.images = at::Tensor();
    out.targets.reset();
    out.regions = at::Tensor();
    out.count = request.images.size(0);
    out.readChunk = [request, &calls](int64_t begin, int64_t end) {
        calls.emplace_back(begin, end);
        core::MetricChunk chunk;
        chunk.images = request.images.slice(0, begin, end);
        if (request.targets)
            chunk.targets = request.targets->slice(0, begin, end);
        chunk.regions = request.regions.slice(0, begin, end);
        return chunk;
    };
    return out;
}

TEST(MetricRun, ImagesReadChunkByChunkScoreAsImagesHeld)
{
    // A set too large to hold is read a chunk at a time, in order, each chunk once, and scores exactly as the same
    // images held in memory (the same chunks through the network).
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 6);
    const core::BatchExplainer explainer = core::methodExplainer(*network, core::ExplainMethod::Wxx, {});
    for (const core::Metric metric : {core::Metric::Deletion, core::Metric::EnergyPointingGame, core::Metric::Randomisation}) {
        SCOPED_TRACE(std::string(core::metricName(metric)));
        core::MetricRequest held = requestFor(metric, images);
        if (metric == core::Metric::EnergyPointingGame)
            held.targets = torch::tensor({1, 2, 3, 4, 5}, torch::kLong);
        std::vector<std::pair<int64_t, int64_t>> calls;
        const auto expected = core::evaluateMetric(*network, explainer, held);
        const auto actual = core::evaluateMetric(*network, explainer, streamed(held, calls));
        EXPECT_EQ(calls, (std::vector<std::pair<int64_t, int64_t>>{{0, 3}, {3, 5}}));
        EXPECT_TRUE(torch::equal(actual.values, expected.values));
        EXPECT_TRUE(torch::equal(actual.targets, expected.targets));
        EXPECT_EQ(actual.curves.defined(), expected.curves.defined());
        if (expected.curves.defined())
            EXPECT_TRUE(torch::equal(actual.curves, expected.curves));
    }
}

TEST(MetricRun, ChunksReadOnDemandAreCheckedWhereTheyCome)
{
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 7);
    const core::BatchExplainer explainer = core::randomExplainer(0);
    std::vector<std::pair<int64_t, int64_t>> calls;
    core::MetricRequest request = streamed(requestFor(core::Metric::Deletion, images), calls);
    // `full`'s chunks, chunk `from` on changed by `change`.
    const core::MetricChunkReader full = request.readChunk;
    const auto altered = [&full](int64_t from, std::function<void(core::MetricChunk &)> change) {
        return [&full, from, change](int64_t begin, int64_t end) {
            core::MetricChunk chunk = full(begin, end);
            if (begin >= from)
                change(chunk);
            return chunk;
        };
    };
    // The second chunk is smaller than it should be: named by its images and both shapes.
    request.readChunk = altered(3, [](core::MetricChunk &chunk) { chunk.images = torch::ones({1, 3, 8, 8}); });
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, explainer, request); }),
              "deletion: images 3..4: expected images [2, 3, 8, 8] floating point, got [1, 3, 8, 8]");
    // Another size than the first chunk's, and targets beyond the classes.
    request.readChunk = altered(3, [](core::MetricChunk &chunk) { chunk.images = torch::ones({2, 3, 9, 8}); });
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, explainer, request); }),
              "deletion: images 3..4: expected images [2, 3, 8, 8] floating point, got [2, 3, 9, 8]");
    request.readChunk = altered(0, [](core::MetricChunk &chunk) {
        chunk.targets = torch::full({chunk.images.size(0)}, 10, torch::kLong);
    });
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, explainer, request); }),
              "deletion: images 0..2: target classes must lie in [0, 10), got 10..10");
    // The options are checked for the first chunk's size, before anything is explained.
    request.readChunk = full;
    request.perturbation.patchSize = 3;
    calls.clear();
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, explainer, request); }),
              "deletion: the 8 x 8 maps are not divisible into 3 x 3 patches");
    EXPECT_EQ(calls.size(), 1u);
    request.perturbation.patchSize = 1;
    request.count = 0;
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, explainer, request); }),
              "deletion: expected a count of images >= 1 to read, got 0");
    request.count = kImages;
    request.images = images;
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, explainer, request); }),
              "deletion: give images (with targets, regions) or readChunk, not both");
}

TEST(MetricRun, RandomisationRestoresTheNetwork)
{
    core::Network network = test::tinyNetwork();
    std::vector<at::Tensor> before;
    for (const auto &parameter : network->parameters())
        before.push_back(parameter.detach().clone());
    const at::Tensor images = test::seededImages(kImages, 8, 8, 4);
    const auto result = core::evaluateMetric(*network, core::methodExplainer(*network, core::ExplainMethod::Wxx, {}),
                                             requestFor(core::Metric::Randomisation, images));
    EXPECT_LT(result.values.max().item<double>(), 1.0); // W(x)x changes with the weights
    const auto after = network->parameters();
    for (size_t i = 0; i < before.size(); ++i)
        EXPECT_TRUE(torch::equal(after[i], before[i]));
}

TEST(MetricRun, ProgressCountsImagesAndCancels)
{
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 5);
    core::MetricRequest request = requestFor(core::Metric::Insertion, images);
    std::vector<int64_t> seen;
    request.progress = [&seen](int64_t done, int64_t total) {
        EXPECT_EQ(total, kImages);
        seen.push_back(done);
        return true;
    };
    core::evaluateMetric(*network, core::randomExplainer(0), request);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.back(), kImages);
    EXPECT_EQ(seen.front(), 0); // the first chunk's first perturbed batch: 4 of its 15 images
    request.progress = [](int64_t done, int64_t) { return done < 4; }; // stops inside the second chunk
    try {
        core::evaluateMetric(*network, core::randomExplainer(0), request);
        FAIL() << "not cancelled";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Cancelled);
        EXPECT_STREQ(error.what(), "insertion cancelled after 3 of 5 images");
    }
}

TEST(MetricRun, ImagesWithAllZeroMapsCanBeLeftOut)
{
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 7);
    // Images 1, 3 and 4 get all-zero maps: the whole second chunk (3, 4) and one image of the first. The explainer
    // recognises them by content, since the metrics call it with subsets too.
    const core::BatchExplainer zeroSome = [images](const at::Tensor &x, const at::Tensor &) {
        at::Tensor maps = x.sum(1);
        for (int64_t i = 0; i < x.size(0); ++i)
            for (const int64_t zero : {1, 3, 4})
                if (torch::equal(x[i], images[zero]))
                    maps[i].zero_();
        return maps;
    };
    for (const core::Metric metric : {core::Metric::Sparseness, core::Metric::Deletion, core::Metric::Randomisation}) {
        SCOPED_TRACE(std::string(core::metricName(metric)));
        core::MetricRequest request = requestFor(metric, images);
        request.skipZeroMaps = true;
        const auto result = core::evaluateMetric(*network, zeroSome, request);
        EXPECT_TRUE(torch::equal(result.skipped, torch::tensor({false, true, false, true, true})));
        EXPECT_TRUE(torch::equal(result.values.isnan(), result.skipped));
        if (result.curves.defined()) {
            EXPECT_EQ(result.curves.size(0), kImages);
            EXPECT_TRUE(torch::equal(result.curves.isnan().all(1), result.skipped));
        }
    }
    // The energy pointing game defines a map without positive attribution (0) and skips nothing.
    core::MetricRequest request = requestFor(core::Metric::EnergyPointingGame, images);
    request.skipZeroMaps = true;
    const auto epg = core::evaluateMetric(*network, zeroSome, request);
    EXPECT_FALSE(epg.skipped.any().item<bool>());
    EXPECT_EQ(epg.values[1].item<double>(), 0.0);
}

TEST(MetricRun, ErrorsNameTheMetricAndTheImages)
{
    core::Network network = test::tinyNetwork();
    const at::Tensor images = test::seededImages(kImages, 8, 8, 6);
    const core::BatchExplainer zeroFourth = [](const at::Tensor &x, const at::Tensor &) {
        at::Tensor maps = x.sum(1);
        if (x.size(0) == 2)
            maps[0].zero_(); // image 3, the first of the second chunk
        return maps;
    };
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, requestFor(core::Metric::Sparseness, images)); }),
              "images 3..4: sparseness: attribution map 0 is all zero (its Gini index is 0 / 0)");
    core::MetricRequest request = requestFor(core::Metric::Complexity, images);
    request.targets = torch::full({kImages}, 10, torch::kLong);
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, request); }),
              "complexity: target classes must lie in [0, 10), got 10..10");
    request = requestFor(core::Metric::EnergyPointingGame, images);
    request.regions = at::Tensor();
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, request); }),
              "epg: expected regions [5, H, W] bool (the objects' boxes or masks), got none");
    request = requestFor(core::Metric::Deletion, images.select(1, 0));
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, request); }),
              "deletion: expected images [N, 3, H, W] floating point with N >= 1, got [5, 8, 8]");
    request = requestFor(core::Metric::Deletion, images);
    request.batchSize = 0;
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, request); }),
              "deletion: batch size must be >= 1, got 0");
    // Options fail before any work, without an image range.
    request = requestFor(core::Metric::RoadLerf, images);
    request.road.percentiles = {50, 100};
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, request); }),
              "ROAD LeRF: percentiles must lie in (0, 100), got 100");
    request = requestFor(core::Metric::Insertion, images);
    request.perturbation.patchSize = 3;
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, zeroFourth, request); }),
              "insertion: the 8 x 8 maps are not divisible into 3 x 3 patches");
    // W(x)x needs a B-cos network: the explainer's own error comes through, with the images.
    request = requestFor(core::Metric::Deletion, images);
    const core::BatchExplainer failing = [](const at::Tensor &, const at::Tensor &) -> at::Tensor {
        throw core::Error(core::ErrorCode::InvalidArgument, "explain (wxx): not a B-cos network");
    };
    EXPECT_EQ(errorOf([&] { core::evaluateMetric(*network, failing, request); }),
              "images 0..2: explain (wxx): not a B-cos network");
}

} // namespace
} // namespace bcos
