#pragma once

#include "core/eval/explanationstore.h"
#include "core/eval/metrics/metricrun.h"
#include "core/explain/explainer.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

/// One method of a store, with its settings (ExplainRequest options; images and targets are set per batch).
struct StoreMethod {
    ExplainMethod method = ExplainMethod::Wxx;
    ExplainRequest settings;
    nlohmann::json parameters = nlohmann::json::object(); ///< recorded in the index
};

/// Random maps scored beside the methods: the floor every method has to beat (bcos evaluate --method random's).
/// Every metric gets a "metric/random" column; the maps themselves are not stored.
struct RandomFloor {
    uint64_t seed = 0;
    /// randomExplainer(seed): one draw per image, in order, so that a dataset explained chunk after chunk (in
    /// order, with this one object) gets the maps bcos evaluate --method random --seed S draws in one pass.
    BatchExplainer maps;
};

/// The RandomFloor of `seed`.
RandomFloor makeRandomFloor(uint64_t seed);

/// What explainStoreChunk() computes for every chunk.
struct StoreChunkRequest {
    std::vector<StoreMethod> methods;
    std::optional<RandomFloor> randomFloor; ///< set: every metric also scores random maps (drawn once per chunk)
    /// Per-image metrics of every method, computed from the chunk's own maps (not randomisation or epg).
    std::vector<Metric> metrics;
    bool targetLabels = false;  ///< explain the labels (every image needs one) instead of the predicted classes
    int64_t batchSize = 16;     ///< perturbed images per score call (metrics) and the logits' forward passes
    int64_t explainChunk = 0;   ///< images per explanation pass; 0: chosen from the memory available (explainInChunks)
    int64_t wxxSmooth = 3;      ///< the colour W(x)x image (gradientToRgba's smooth and alpha percentile)
    double wxxAlphaPercentile = 99.5;
    std::function<bool()> keepGoing; ///< false: stop with Error{Cancelled} at the next batch
    /// The chunk's share done so far, in [0, 1], as its steps go: the logits, each method's maps, each metric of
    /// each scored source (those two also batch by batch); a step counts one, whatever it costs.
    std::function<void(double)> progress;
};

/// Throws Error{InvalidArgument} naming `metric` when it cannot be stored per image from the maps: randomisation
/// (it re-explains a randomised model) and epg (it needs object regions).
void checkStorableMetric(Metric metric);

/// The value columns of `request` in the store's order: "metric/method" for every metric and method (and
/// "metric/random" after them with a random floor), then "agreement/A~B" for every pair of methods; `options` gets
/// each column's recorded options (with "curve_x" for deletion, insertion and ROAD, "higher_is_better", "metric",
/// "method"), the methods' parameters under "methods", the W(x)x rendering under "wxx_rendering" and the random
/// floor's seed under "random_floor".
std::vector<std::string> storeValueColumns(const StoreChunkRequest &request, nlohmann::json &options);

/// The tensors of one store chunk (ExplanationStore's layout) for images [n, 3, H, W] in [0, 1] on the network's
/// device and labels [n] (-1: unknown): inputs as uint8, logits, targets, every method's maps (W(x)x also its
/// colour image), every metric of every method from those maps (evaluateMetric with the maps served, images left
/// out for all-zero maps get NaN), the metrics of the random floor's maps, and Spearman's rho of |map| for every
/// pair of methods.
TensorMap explainStoreChunk(NetworkImpl &network, const at::Tensor &images, const at::Tensor &labels,
                            const StoreChunkRequest &request);

} // namespace bcos::core
