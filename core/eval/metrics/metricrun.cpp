#include "metricrun.h"

#include "core/enumnames.h"
#include "core/error.h"
#include "core/eval/metrics/complexity.h"
#include "core/eval/metrics/confidencechange.h"
#include "core/eval/pointinggame.h"
#include "core/models/network.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <cmath>

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
    at::Tensor skipped; ///< [B] bool: images left out (all-zero maps)
};

ChunkValues chunkOf(const at::Tensor &values, const at::Tensor &curves = {}, const at::Tensor &curveX = {})
{
    ChunkValues chunk;
    chunk.values = values;
    chunk.curves = curves;
    chunk.curveX = curveX.defined() ? curveX.to(torch::kDouble) : curveX;
    return chunk;
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

/// The metric of one chunk: images x [B, 3, H, W], targets t [B], regions [B, H, W] (epg) and their maps
/// [B, H, W] (randomisation explains by itself and ignores them).
ChunkValues metricOfChunk(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request,
                          const at::Tensor &x, const at::Tensor &t, const at::Tensor &regions, const at::Tensor &maps,
                          const MetricProgress &progress)
{
    const ScoreFunction score = networkScores(network, request.score);
    switch (request.metric) {
    case Metric::Deletion:
    case Metric::Insertion: {
        const PerturbationCurves curves = perturbationCurves(score, x, t, maps, perturbationOptions(request), progress);
        return chunkOf(curves.auc, curves.scores, curves.fractions);
    }
    case Metric::RoadMorf:
    case Metric::RoadLerf: {
        const RoadResult result = road(score, x, t, maps, roadOptions(request), progress);
        return chunkOf(result.mean, result.scores, result.percentiles);
    }
    case Metric::EnergyPointingGame: return chunkOf(energyPointingGame(maps, regions));
    case Metric::AverageDrop: return chunkOf(confidenceChange(score, x, t, maps, request.batchSize, progress).drop);
    case Metric::ConfidenceIncrease:
        return chunkOf(confidenceChange(score, x, t, maps, request.batchSize, progress).increase);
    case Metric::Sparseness: return chunkOf(giniSparseness(maps));
    case Metric::Complexity: return chunkOf(attributionEntropy(maps));
    case Metric::Randomisation: {
        const RandomisationResult result =
            modelRandomisation(network, explainer, x, t, randomisationOptions(request), progress);
        return chunkOf(result.similarity.select(1, -1), result.similarity, result.layerCounts);
    }
    }
    return {};
}

/// `part`, the values of the images that `index` [K] picks among `count`, spread back to all: NaN for the others.
ChunkValues spread(const ChunkValues &part, const at::Tensor &index, int64_t count)
{
    const auto options = torch::TensorOptions().dtype(torch::kDouble);
    ChunkValues all;
    all.values = torch::full({count}, std::nan(""), options);
    if (index.numel() == 0)
        return all;
    all.values.index_copy_(0, index, part.values.to(torch::kCPU, torch::kDouble));
    if (part.curves.defined()) {
        all.curves = torch::full({count, part.curves.size(1)}, std::nan(""), options);
        all.curves.index_copy_(0, index, part.curves.to(torch::kCPU, torch::kDouble));
        all.curveX = part.curveX;
    }
    return all;
}

/// Explains one chunk and runs the metric; with request.skipZeroMaps, images whose map is all zero are left out
/// (NaN values, marked in `skipped`). The energy pointing game defines those (0) and never skips.
ChunkValues chunkValues(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request,
                        const at::Tensor &x, const at::Tensor &t, const at::Tensor &regions,
                        const MetricProgress &progress)
{
    const bool skip = request.skipZeroMaps && request.metric != Metric::EnergyPointingGame;
    if (!skip && request.metric == Metric::Randomisation) { // no explanation needed up front
        ChunkValues all = metricOfChunk(network, explainer, request, x, t, regions, {}, progress);
        all.skipped = torch::zeros({x.size(0)}, torch::kBool);
        return all;
    }
    const at::Tensor maps = explainer(x, t);
    const at::Tensor kept = skip ? maps.flatten(1).ne(0).any(1).cpu() : torch::ones({x.size(0)}, torch::kBool);
    ChunkValues all;
    if (kept.all().item<bool>()) {
        all = metricOfChunk(network, explainer, request, x, t, regions, maps, progress);
    } else {
        const at::Tensor index = kept.nonzero().view({-1}), onDevice = index.to(x.device());
        const auto pick = [&onDevice](const at::Tensor &tensor) {
            return tensor.defined() ? tensor.index_select(0, onDevice) : tensor;
        };
        ChunkValues part;
        if (index.numel() > 0)
            part = metricOfChunk(network, explainer, request, pick(x), pick(t), pick(regions), pick(maps), progress);
        all = spread(part, index, x.size(0));
    }
    all.skipped = kept.logical_not();
    return all;
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

/// chunkValues() for images [begin, end) with their targets t: progress in images, errors naming the images.
ChunkValues runChunk(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request,
                     int64_t begin, int64_t end, const at::Tensor &t)
{
    const std::string_view metric = metricName(request.metric);
    const int64_t n = request.images.size(0);
    const at::Tensor x = request.images.slice(0, begin, end);
    const at::Tensor regions = request.regions.defined() ? request.regions.slice(0, begin, end) : at::Tensor();
    // Inner steps of the chunk count as a share of its images.
    const MetricProgress inner = [&](int64_t done, int64_t total) {
        return !request.progress || request.progress(begin + (end - begin) * done / total, n);
    };
    try {
        return chunkValues(network, explainer, request, x, t, regions, inner);
    } catch (const Error &error) {
        if (error.code() == ErrorCode::Cancelled) // counted in images, not in the chunk's inner steps
            fail(ErrorCode::Cancelled, "{} cancelled after {} of {} images", metric, begin, n);
        // The metrics number maps within the chunk; say where the chunk starts.
        throw Error(error.code(), fmt::format("images {}..{}: {}", begin, end - 1, error.what()));
    }
}

/// The chunks' values as one result; a chunk without curves (all its images skipped) gets NaN rows.
MetricValues joinChunks(const std::vector<ChunkValues> &chunks, const std::vector<at::Tensor> &targets)
{
    MetricValues result;
    std::vector<at::Tensor> values, curves, skipped;
    for (const ChunkValues &chunk : chunks)
        if (chunk.curveX.defined())
            result.curveX = chunk.curveX;
    for (const ChunkValues &chunk : chunks) {
        values.push_back(chunk.values.to(torch::kCPU, torch::kDouble));
        skipped.push_back(chunk.skipped.cpu());
        if (result.curveX.defined())
            curves.push_back(chunk.curves.defined()
                                 ? chunk.curves.to(torch::kCPU, torch::kDouble)
                                 : torch::full({chunk.values.size(0), result.curveX.size(0)}, std::nan(""), torch::kDouble));
    }
    result.values = torch::cat(values);
    result.skipped = torch::cat(skipped);
    result.targets = torch::cat(targets).cpu();
    if (!curves.empty())
        result.curves = torch::cat(curves);
    return result;
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
    std::vector<ChunkValues> chunks;
    std::vector<at::Tensor> targets;
    translateTorchErrors(metric, [&] {
        for (int64_t begin = 0; begin < n; begin += request.batchSize) {
            const int64_t end = std::min(n, begin + request.batchSize);
            const at::Tensor x = request.images.slice(0, begin, end);
            targets.push_back(request.targets ? request.targets->slice(0, begin, end).to(x.device(), torch::kLong)
                                              : predictedClasses(network, x));
            chunks.push_back(runChunk(network, explainer, request, begin, end, targets.back()));
            if (request.progress && !request.progress(end, n))
                fail(ErrorCode::Cancelled, "{} cancelled after {} of {} images", metric, end, n);
        }
    });
    return joinChunks(chunks, targets);
}

} // namespace bcos::core
