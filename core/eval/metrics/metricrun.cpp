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

/// Checks the request's options (before any work rather than inside the first chunk) for images of H x W.
void checkOptions(const MetricRequest &request, int64_t h, int64_t w)
{
    checkBatchSize(metricName(request.metric), request.batchSize);
    if (request.metric == Metric::Deletion || request.metric == Metric::Insertion)
        checkPerturbationOptions(perturbationOptions(request), h, w);
    if (request.metric == Metric::RoadMorf || request.metric == Metric::RoadLerf)
        checkRoadOptions(roadOptions(request));
    if (request.metric == Metric::Randomisation)
        checkRandomisationOptions(randomisationOptions(request));
}

/// Checks targets [n] (when defined) and, for the energy pointing game, regions [n, H, W]; `where` prefixes the
/// messages ("" for the whole set, "images 64..127: " for a chunk read on demand).
void checkTargetsAndRegions(const NetworkImpl &network, const MetricRequest &request, const at::Tensor &targets,
                            const at::Tensor &regions, int64_t n, const std::string &where)
{
    const std::string_view metric = metricName(request.metric);
    const int64_t classes = network.description().numClasses();
    if (targets.defined()) {
        if (targets.dim() != 1 || targets.size(0) != n || targets.is_floating_point())
            fail(ErrorCode::InvalidArgument, "{}: {}expected targets [{}] integer classes, got {}", metric, where, n,
                 shapeString(targets.sizes()));
        if (targets.min().item<int64_t>() < 0 || targets.max().item<int64_t>() >= classes)
            fail(ErrorCode::InvalidArgument, "{}: {}target classes must lie in [0, {}), got {}..{}", metric, where,
                 classes, targets.min().item<int64_t>(), targets.max().item<int64_t>());
    }
    if (request.metric == Metric::EnergyPointingGame && (!regions.defined() || regions.dim() != 3 || regions.size(0) != n))
        fail(ErrorCode::InvalidArgument, "{}: {}expected regions [{}, H, W] bool (the objects' boxes or masks), got {}",
             metric, where, n, regions.defined() ? shapeString(regions.sizes()) : std::string("none"));
}

/// The request's images held in memory: checks them all, then serves them chunk by chunk.
MetricChunkReader memoryReader(const NetworkImpl &network, const MetricRequest &request)
{
    const std::string_view metric = metricName(request.metric);
    const at::Tensor &images = request.images;
    if (!images.defined() || images.dim() != 4 || images.size(1) != 3 || images.size(0) == 0 || !images.is_floating_point())
        fail(ErrorCode::InvalidArgument, "{}: expected images [N, 3, H, W] floating point with N >= 1, got {}", metric,
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"));
    checkOptions(request, images.size(2), images.size(3));
    checkTargetsAndRegions(network, request, request.targets.value_or(at::Tensor()), request.regions, images.size(0), "");
    return [&request](int64_t begin, int64_t end) {
        MetricChunk chunk;
        chunk.images = request.images.slice(0, begin, end);
        if (request.targets)
            chunk.targets = request.targets->slice(0, begin, end);
        if (request.regions.defined())
            chunk.regions = request.regions.slice(0, begin, end);
        return chunk;
    };
}

/// readChunk's chunk [begin, end), checked: images [end - begin, 3, H, W] of the first chunk's H x W (whose
/// size the options are checked for), targets and regions to match.
MetricChunk readCheckedChunk(const NetworkImpl &network, const MetricRequest &request, int64_t begin, int64_t end,
                             std::optional<std::pair<int64_t, int64_t>> &size)
{
    const std::string_view metric = metricName(request.metric);
    MetricChunk chunk = request.readChunk(begin, end);
    const std::string where = fmt::format("images {}..{}: ", begin, end - 1);
    const at::Tensor &x = chunk.images;
    const int64_t n = end - begin;
    if (!x.defined() || x.dim() != 4 || x.size(0) != n || x.size(1) != 3 || !x.is_floating_point()
        || (size && (x.size(2) != size->first || x.size(3) != size->second)))
        fail(ErrorCode::InvalidArgument, "{}: {}expected images [{}, 3, {}, {}] floating point, got {}", metric, where, n,
             size ? std::to_string(size->first) : "H", size ? std::to_string(size->second) : "W",
             x.defined() ? shapeString(x.sizes()) : std::string("no tensor"));
    if (!size) {
        size = std::pair{x.size(2), x.size(3)};
        checkOptions(request, x.size(2), x.size(3));
    }
    checkTargetsAndRegions(network, request, chunk.targets, chunk.regions, n, where);
    return chunk;
}

/// chunkValues() for images [begin, end) of n: progress in images, errors naming the images.
ChunkValues runChunk(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request,
                     int64_t begin, int64_t end, int64_t n, const MetricChunk &chunk)
{
    const std::string_view metric = metricName(request.metric);
    // Inner steps of the chunk count as a share of its images.
    const MetricProgress inner = [&](int64_t done, int64_t total) {
        return !request.progress || request.progress(begin + (end - begin) * done / total, n);
    };
    try {
        return chunkValues(network, explainer, request, chunk.images, chunk.targets, chunk.regions, inner);
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
    const std::string_view metric = metricName(request.metric);
    const bool streamed = static_cast<bool>(request.readChunk);
    if (streamed && (request.images.defined() || request.targets || request.regions.defined()))
        fail(ErrorCode::InvalidArgument, "{}: give images (with targets, regions) or readChunk, not both", metric);
    if (streamed && request.count < 1)
        fail(ErrorCode::InvalidArgument, "{}: expected a count of images >= 1 to read, got {}", metric, request.count);
    if (streamed)
        checkBatchSize(metric, request.batchSize);
    const MetricChunkReader memory = streamed ? MetricChunkReader() : memoryReader(network, request);
    const int64_t n = streamed ? request.count : request.images.size(0);
    std::optional<std::pair<int64_t, int64_t>> size;
    std::vector<ChunkValues> chunks;
    std::vector<at::Tensor> targets;
    translateTorchErrors(metric, [&] {
        for (int64_t begin = 0; begin < n; begin += request.batchSize) {
            const int64_t end = std::min(n, begin + request.batchSize);
            MetricChunk chunk = streamed ? readCheckedChunk(network, request, begin, end, size) : memory(begin, end);
            chunk.targets = chunk.targets.defined() ? chunk.targets.to(chunk.images.device(), torch::kLong)
                                                    : predictedClasses(network, chunk.images);
            targets.push_back(chunk.targets);
            chunks.push_back(runChunk(network, explainer, request, begin, end, n, chunk));
            if (request.progress && !request.progress(end, n))
                fail(ErrorCode::Cancelled, "{} cancelled after {} of {} images", metric, end, n);
        }
    });
    return joinChunks(chunks, targets);
}

} // namespace bcos::core
