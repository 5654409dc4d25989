#include "metricrun.h"

#include "core/enumnames.h"
#include "core/error.h"
#include "core/eval/metrics/complexity.h"
#include "core/eval/metrics/confidencechange.h"
#include "core/eval/pointinggame.h"
#include "core/models/network.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

constexpr EnumNames<Metric, 10> kNames{{
    {Metric::Deletion, "deletion"},
    {Metric::Insertion, "insertion"},
    {Metric::RoadMorf, "road-morf"},
    {Metric::RoadLerf, "road-lerf"},
    {Metric::EnergyPointingGame, "epg"},
    {Metric::AverageDrop, "average-drop"},
    {Metric::ConfidenceIncrease, "confidence-increase"},
    {Metric::Sparseness, "sparseness"},
    {Metric::Complexity, "complexity"},
    {Metric::Randomisation, "randomisation"},
}};

/// The part of the result that one chunk of images contributes.
struct ChunkValues {
    at::Tensor values, curves, curveX;
};

ChunkValues withCurves(const at::Tensor &values, const at::Tensor &curves, const at::Tensor &curveX)
{
    return {values, curves, curveX.to(torch::kDouble)};
}

/// The options of the request's metric, with its mode, order and batch size filled in from the request.
PerturbationOptions perturbationOptions(const MetricRequest &request)
{
    PerturbationOptions options = request.perturbation;
    options.mode = request.metric == Metric::Insertion ? PerturbationMode::Insertion : PerturbationMode::Deletion;
    options.batchSize = request.batchSize;
    return options;
}

RoadOptions roadOptions(const MetricRequest &request)
{
    RoadOptions options = request.road;
    options.order = request.metric == Metric::RoadLerf ? RoadOrder::LeastRelevantFirst : RoadOrder::MostRelevantFirst;
    options.batchSize = request.batchSize;
    return options;
}

RandomisationOptions randomisationOptions(const MetricRequest &request)
{
    RandomisationOptions options = request.randomisation;
    options.batchSize = request.batchSize;
    return options;
}

/// The metric of one chunk: images x [B, 3, H, W], targets t [B], regions [B, H, W] (epg).
ChunkValues chunkValues(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request,
                        const at::Tensor &x, const at::Tensor &t, const at::Tensor &regions,
                        const MetricProgress &progress)
{
    const ScoreFunction score = networkScores(network, request.score);
    if (request.metric == Metric::Randomisation) {
        const RandomisationResult result =
            modelRandomisation(network, explainer, x, t, randomisationOptions(request), progress);
        return withCurves(result.similarity.select(1, -1), result.similarity, result.layerCounts);
    }
    const at::Tensor maps = explainer(x, t);
    switch (request.metric) {
    case Metric::Deletion:
    case Metric::Insertion: {
        const PerturbationCurves curves = perturbationCurves(score, x, t, maps, perturbationOptions(request), progress);
        return withCurves(curves.auc, curves.scores, curves.fractions);
    }
    case Metric::RoadMorf:
    case Metric::RoadLerf: {
        const RoadResult result = road(score, x, t, maps, roadOptions(request), progress);
        return withCurves(result.mean, result.scores, result.percentiles);
    }
    case Metric::EnergyPointingGame: return {energyPointingGame(maps, regions), {}, {}};
    case Metric::AverageDrop: return {confidenceChange(score, x, t, maps, request.batchSize, progress).drop, {}, {}};
    case Metric::ConfidenceIncrease:
        return {confidenceChange(score, x, t, maps, request.batchSize, progress).increase, {}, {}};
    case Metric::Sparseness: return {giniSparseness(maps), {}, {}};
    case Metric::Complexity: return {attributionEntropy(maps), {}, {}};
    case Metric::Randomisation: break;
    }
    return {};
}

/// The predicted classes of images [B, 3, H, W] -> [B].
at::Tensor predictedClasses(NetworkImpl &network, const at::Tensor &images)
{
    torch::NoGradGuard noGrad;
    network.eval();
    return network.forward(network.encode(images)).argmax(1);
}

void validate(const NetworkImpl &network, const MetricRequest &request)
{
    const std::string_view metric = metricName(request.metric);
    const at::Tensor &images = request.images;
    if (!images.defined() || images.dim() != 4 || images.size(1) != 3 || images.size(0) == 0 || !images.is_floating_point())
        fail(ErrorCode::InvalidArgument, "{}: expected images [N, 3, H, W] floating point with N >= 1, got {}", metric,
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"));
    checkBatchSize(metric, request.batchSize);
    const int64_t n = images.size(0), classes = network.description().numClasses();
    if (request.targets) {
        const at::Tensor &t = *request.targets;
        if (t.dim() != 1 || t.size(0) != n || t.is_floating_point())
            fail(ErrorCode::InvalidArgument, "{}: expected targets [{}] integer classes, got {}", metric, n,
                 shapeString(t.sizes()));
        if (t.min().item<int64_t>() < 0 || t.max().item<int64_t>() >= classes)
            fail(ErrorCode::InvalidArgument, "{}: target classes must lie in [0, {}), got {}..{}", metric, classes,
                 t.min().item<int64_t>(), t.max().item<int64_t>());
    }
    // Options fail here, before any work, rather than inside the first chunk.
    if (request.metric == Metric::Deletion || request.metric == Metric::Insertion)
        checkPerturbationOptions(perturbationOptions(request), images.size(2), images.size(3));
    if (request.metric == Metric::RoadMorf || request.metric == Metric::RoadLerf)
        checkRoadOptions(roadOptions(request));
    if (request.metric == Metric::Randomisation)
        checkRandomisationOptions(randomisationOptions(request));
    if (request.metric == Metric::EnergyPointingGame
        && (!request.regions.defined() || request.regions.dim() != 3 || request.regions.size(0) != n))
        fail(ErrorCode::InvalidArgument, "{}: expected regions [{}, H, W] bool (the objects' boxes or masks), got {}",
             metric, n, request.regions.defined() ? shapeString(request.regions.sizes()) : std::string("none"));
}

} // namespace

std::string_view metricName(Metric metric) { return enumName(kNames, metric); }

Metric parseMetric(std::string_view name)
{
    if (const auto metric = enumFromName(kNames, name))
        return *metric;
    fail(ErrorCode::InvalidArgument, "unknown metric '{}' (expected {})", name, namesWithOr(kNames));
}

const std::vector<Metric> &allMetrics()
{
    static const std::vector<Metric> metrics = enumValues(kNames);
    return metrics;
}

bool higherIsBetter(Metric metric)
{
    switch (metric) {
    case Metric::Insertion:
    case Metric::RoadLerf:
    case Metric::EnergyPointingGame:
    case Metric::ConfidenceIncrease:
    case Metric::Sparseness: return true;
    default: return false;
    }
}

MetricValues evaluateMetric(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request)
{
    validate(network, request);
    const std::string_view metric = metricName(request.metric);
    const int64_t n = request.images.size(0);
    std::vector<at::Tensor> values, curves, targets;
    at::Tensor curveX;
    translateTorchErrors(metric, [&] {
        for (int64_t begin = 0; begin < n; begin += request.batchSize) {
            const int64_t end = std::min(n, begin + request.batchSize);
            const at::Tensor x = request.images.slice(0, begin, end);
            const at::Tensor t = request.targets ? request.targets->slice(0, begin, end).to(x.device(), torch::kLong)
                                                 : predictedClasses(network, x);
            const at::Tensor regions = request.regions.defined() ? request.regions.slice(0, begin, end) : at::Tensor();
            // Inner steps of the chunk count as a share of its images.
            const MetricProgress inner = [&](int64_t done, int64_t total) {
                return !request.progress || request.progress(begin + (end - begin) * done / total, n);
            };
            ChunkValues chunk;
            try {
                chunk = chunkValues(network, explainer, request, x, t, regions, inner);
            } catch (const Error &error) {
                if (error.code() == ErrorCode::Cancelled) // counted in images, not in the chunk's inner steps
                    fail(ErrorCode::Cancelled, "{} cancelled after {} of {} images", metric, begin, n);
                // The metrics number maps within the chunk; say where the chunk starts.
                throw Error(error.code(), fmt::format("images {}..{}: {}", begin, end - 1, error.what()));
            }
            values.push_back(chunk.values.to(torch::kCPU, torch::kDouble));
            targets.push_back(t.cpu());
            if (chunk.curves.defined())
                curves.push_back(chunk.curves.to(torch::kCPU, torch::kDouble));
            curveX = chunk.curveX;
            if (request.progress && !request.progress(end, n))
                fail(ErrorCode::Cancelled, "{} cancelled after {} of {} images", metric, end, n);
        }
    });
    MetricValues result;
    result.values = torch::cat(values);
    result.targets = torch::cat(targets);
    if (!curves.empty()) {
        result.curves = torch::cat(curves);
        result.curveX = curveX;
    }
    return result;
}

} // namespace bcos::core
