#pragma once

#include "core/eval/metrics/metricinput.h"
#include "core/eval/metrics/perturbationcurve.h"
#include "core/eval/metrics/randomisation.h"
#include "core/eval/metrics/road.h"
#include "core/explain/explainer.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace bcos::core {

/// The dataset-scale metrics of evaluateMetric(); each per-image value is described there.
enum class Metric {
    Deletion,
    Insertion,
    RoadMorf,
    RoadLerf,
    EnergyPointingGame,
    AverageDrop,
    ConfidenceIncrease,
    Sparseness,
    Complexity,
    Randomisation,
};

/// "deletion", "insertion", "road-morf", "road-lerf", "epg", "average-drop", "confidence-increase", "sparseness",
/// "complexity", "randomisation".
std::string_view metricName(Metric metric);
/// Inverse of metricName(); throws Error{InvalidArgument} listing the names.
Metric parseMetric(std::string_view name);
/// All metrics, in the order above.
const std::vector<Metric> &allMetrics();
/// Whether a higher value means a better explanation (deletion, ROAD MoRF, average drop, complexity and
/// randomisation: lower is better).
bool higherIsBetter(Metric metric);

/// A chunk of the images a metric scores, read when it is scored (MetricRequest::readChunk).
struct MetricChunk {
    at::Tensor images;  ///< [B, 3, H, W] in [0, 1], on the network's device; every chunk the same H, W
    at::Tensor targets; ///< [B] int64 classes, or undefined: the network's predicted classes
    at::Tensor regions; ///< [B, H, W] bool: the object regions, for the energy pointing game only
};

/// Gives images [begin, end) of the set; called for consecutive chunks, in order, each once.
using MetricChunkReader = std::function<MetricChunk(int64_t begin, int64_t end)>;

/// One metric over a set of images: `images` (with `targets`, `regions`) held in memory, or `count` images that
/// `readChunk` reads a chunk of at most batchSize at a time (a set too large to hold: only one chunk exists).
struct MetricRequest {
    Metric metric = Metric::Deletion;
    at::Tensor images;                 ///< [N, 3, H, W] in [0, 1], on the network's device
    int64_t count = 0;                 ///< with readChunk instead of images: the images in the set
    MetricChunkReader readChunk;       ///< with count instead of images, targets and regions
    std::optional<at::Tensor> targets; ///< [N] int64 classes; default: the network's predicted classes
    at::Tensor regions;                ///< [N, H, W] bool: the object regions, for the energy pointing game only
    int64_t batchSize = 64;            ///< images explained per chunk, and perturbed images per score call
    ScoreKind score = ScoreKind::Probability;
    PerturbationOptions perturbation;  ///< deletion / insertion (mode and batchSize come from the request)
    RoadOptions road;                  ///< ROAD (order and batchSize come from the request)
    RandomisationOptions randomisation; ///< randomisation (batchSize comes from the request)
    /// false: an all-zero map is an error where the metric needs one (every metric but epg). true: such images
    /// are left out (NaN values, marked in MetricValues::skipped), e.g. GradCAM's ReLU maps of images without
    /// positive evidence in the last feature maps.
    bool skipZeroMaps = false;
    MetricProgress progress;           ///< (images done, N); returning false cancels (Error{Cancelled})
};

/// Per-image results of evaluateMetric().
struct MetricValues {
    at::Tensor values;  ///< [N] double: the per-image metric (see evaluateMetric())
    at::Tensor targets; ///< [N] int64: the explained classes
    at::Tensor curves;  ///< [N, S] double: the curve behind the value (see evaluateMetric()), else undefined
    at::Tensor curveX;  ///< [S] double: where the curve's points lie, else undefined
    at::Tensor skipped; ///< [N] bool: left out for an all-zero map (request.skipZeroMaps); their values are NaN
};

/// Runs request.metric for `explainer`'s maps on `network`, chunk after chunk of request.batchSize images, so
/// at most one chunk of maps and perturbed images exists at a time. Per-image values and curves:
///   deletion, insertion   the AUC of perturbationCurves(); curves = scores over curveX = fractions perturbed
///   road-morf, road-lerf  road()'s mean score over the percentiles; curves = scores, curveX = percentiles
///   epg                   energyPointingGame() with request.regions
///   average-drop          confidenceChange().drop; confidence-increase: confidenceChange().increase
///   sparseness            giniSparseness(); complexity: attributionEntropy()
///   randomisation         modelRandomisation() of the network's weights: the similarity with every layer
///                         randomised (the last stage); curves = similarities, curveX = randomised layer counts
/// Scores are request.score of the network (networkScores()). Throws Error{InvalidArgument} for bad shapes,
/// targets or options (naming the metric; for chunks read by readChunk also their images, "images 64..127: "),
/// the metrics' own errors (all-zero or NaN maps, empty regions), and
/// Error{Cancelled} when request.progress says stop; LibTorch errors are translated.
MetricValues evaluateMetric(NetworkImpl &network, const BatchExplainer &explainer, const MetricRequest &request);

} // namespace bcos::core
