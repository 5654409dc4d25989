#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string_view>

namespace bcos::core {

class NetworkImpl;

/// The model as the metrics see it: images [B, 3, H, W] in [0, 1] and targets [B] int64 -> the target scores
/// [B] (any floating dtype). Metrics call it with at most their batchSize images at a time, without gradients.
using ScoreFunction = std::function<at::Tensor(const at::Tensor &images, const at::Tensor &targets)>;

/// Progress seam of the metrics: called with (done, total) units of work; returning false cancels
/// (Error{Cancelled}). The same contract as ExplainProgress and the grid pointing game's progress.
using MetricProgress = std::function<bool(int64_t done, int64_t total)>;

/// What a classifier's score is: the softmax probability of the target (what RISE's deletion/insertion, ROAD
/// and Grad-CAM++'s average drop use) or its logit.
enum class ScoreKind { Probability, Logit };

/// The ScoreFunction of a classifier: encode, forward in eval mode without gradients, then the target's
/// probability or logit. The network must outlive the function.
ScoreFunction networkScores(NetworkImpl &network, ScoreKind kind = ScoreKind::Probability);

/// Attribution maps as the metrics take them: checks that `maps` is [N, H, W] floating point and finite, and
/// returns it detached, as double (sums over many pixels stay exact to ~1e-16 relative). Throws
/// Error{InvalidArgument} "<metric>: expected attribution maps [N, H, W], got ..." or Error{Numerical}
/// "<metric>: attribution map <i> contains NaN" / "... an infinite value".
at::Tensor checkedMaps(std::string_view metric, const at::Tensor &maps);

/// Throws Error{InvalidArgument} "<metric>: attribution map <i> is all zero (<why>)" for the first map
/// [N, H, W] whose entries are all 0.
void requireNonZeroMaps(std::string_view metric, const at::Tensor &maps, std::string_view why);

/// Checks images [N, 3, H, W] floating point and targets [N] integer against maps [N, H, W] (already checked
/// by checkedMaps()). Throws Error{InvalidArgument} naming the metric and both shapes.
void checkImagesAndTargets(std::string_view metric, const at::Tensor &images, const at::Tensor &targets,
                           const at::Tensor &maps);

/// Checks a batch size >= 1; throws Error{InvalidArgument} "<metric>: batch size must be >= 1, got <b>".
void checkBatchSize(std::string_view metric, int64_t batchSize);

/// Calls `progress` (if set); throws Error{Cancelled} "<metric> cancelled after <done> of <total> steps" when it
/// returns false.
void reportMetricProgress(std::string_view metric, const MetricProgress &progress, int64_t done, int64_t total);

/// score(images, targets) in chunks of at most batchSize images -> [N] double.
at::Tensor chunkedScores(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets,
                         int64_t batchSize);

} // namespace bcos::core
