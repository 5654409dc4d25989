#pragma once

#include <ATen/core/Tensor.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcos::core {

class NetworkImpl;

/// Every attribution method of the studio. Wxx (the B-cos dynamic linear explanation W(x)^T x) is computed
/// by explainWxx() in core/explain/wxx.h; the others are the post-hoc baselines of this folder.
enum class ExplainMethod { Wxx, GradCam, InputXGradient, IntegratedGradients, GuidedBackprop, Occlusion, Rise };

/// "wxx", "gradcam", "ixg", "intgrad", "guided", "occlusion", "rise".
std::string_view explainMethodName(ExplainMethod method);
/// Inverse of explainMethodName(); throws Error{InvalidArgument} listing the valid names.
ExplainMethod parseExplainMethod(std::string_view name);
/// All methods, in menu order.
const std::vector<ExplainMethod> &allExplainMethods();

/// Splits a classifier for GradCAM: features(normalisedInput) -> A [N, C, h, w] and head(A) -> logits [N, K]
/// (the logit bias may be left out: it does not change gradients).
struct FeatureSplit {
    std::function<at::Tensor(NetworkImpl &, const at::Tensor &)> features;
    std::function<at::Tensor(NetworkImpl &, const at::Tensor &)> head;
};

struct GradCamOptions {
    /// Empty functions: the backbone's features() / classify() on normalizeInput(encode(images)).
    FeatureSplit split;
    /// false: w_k = sum_{h,w} dS/dA_k (the reference's captum GradCam); true: the textbook spatial mean.
    bool meanWeights = false;
};

enum class RiemannRule { Trapezoid, Right };
enum class BaselineKind { Zeros, Black, Custom };

struct IntegratedGradientsOptions {
    int64_t steps = 32;
    RiemannRule rule = RiemannRule::Trapezoid;
    /// Zeros: the all-zero network input; Black: encode(black image); Custom: encode(customBaseline).
    BaselineKind baseline = BaselineKind::Zeros;
    at::Tensor customBaseline; ///< [1 or N, 3, H, W] image in [0, 1], for BaselineKind::Custom
};

struct OcclusionOptions {
    int64_t window = 16;
    int64_t stride = 8;
    double baselineValue = 0.5; ///< occluded pixels of the [0, 1] image are set to this value
};

struct RiseOptions {
    int64_t numMasks = 1000;
    int64_t gridSize = 7;         ///< cells per side of the random binary grid (RISE's s)
    double keepProbability = 0.5; ///< p: probability that a cell is kept
    uint64_t seed = 0;            ///< masks are a pure function of (seed, size, options)
    bool useProbabilities = true; ///< weight masks by the softmax probability (RISE) or by the logit
};

/// Progress seam: called with (done, total) units of work; return false to cancel (Error{Cancelled}).
using ExplainProgress = std::function<bool(int64_t done, int64_t total)>;

/// One explanation job. Images and targets may live on any device; the network must be on the same device.
struct ExplainRequest {
    at::Tensor images;                ///< [N, 3, H, W] in [0, 1]
    std::optional<at::Tensor> targets; ///< [N] int64 classes; default: argmax of the logits
    int64_t batchSize = 64;           ///< forward passes per chunk for IntGrad / Occlusion / RISE
    GradCamOptions gradCam;
    IntegratedGradientsOptions integratedGradients;
    OcclusionOptions occlusion;
    RiseOptions rise;
    ExplainProgress progress;         ///< optional
};

/// The result of any method (all tensors detached, on the images' device).
struct Explanation {
    ExplainMethod method = ExplainMethod::GradCam;
    at::Tensor logits;       ///< [N, K] on the clean images, logit bias included
    at::Tensor targets;      ///< [N] int64, the explained classes
    at::Tensor attributions; ///< [N, H, W] at input resolution (summed over input channels)
    at::Tensor perChannel;   ///< [N, C, H, W] per network-input channel (gradient methods; W(x) for wxx), else undefined
    at::Tensor cam;          ///< [N, h, w] GradCAM map before upsampling, else undefined
};

/// Runs `method` on `network` in eval mode with gradients enabled. Wxx goes through explainWxx() (B-cos networks
/// only): perChannel = the dynamic weights W(x) [N, 6, H, W], attributions = the contributions [N, H, W].
/// Throws Error{InvalidArgument} for bad shapes/targets/options, Error{Cancelled} when progress says stop.
Explanation explain(NetworkImpl &network, ExplainMethod method, const ExplainRequest &request);
/// The same, with the method given by name (parseExplainMethod()).
Explanation explain(NetworkImpl &network, std::string_view method, const ExplainRequest &request);

/// Explains a batch for the evaluation code: images [B, 3, H, W] in [0, 1] and targets [B] int64 -> maps
/// [B, H, W] (or [B, C, H, W] where the caller says so).
using BatchExplainer = std::function<at::Tensor(const at::Tensor &images, const at::Tensor &targets)>;

/// `method` on `network` as a BatchExplainer: explain() with `settings` (its images and targets replaced by each
/// call's), returning the attributions [B, H, W]. The network must outlive the explainer.
BatchExplainer methodExplainer(NetworkImpl &network, ExplainMethod method, ExplainRequest settings);

namespace detail {
/// Shared by the methods: validates the request, returns encode(images) [N, C, H, W] and logits/targets.
struct PreparedInput {
    at::Tensor input;   ///< [N, C, H, W] network input
    at::Tensor logits;  ///< [N, K]
    at::Tensor targets; ///< [N]
};
PreparedInput prepare(NetworkImpl &network, const ExplainRequest &request);
/// d(sum_n logits[n, targets[n]]) / d input, for a batch: [N, C, H, W].
at::Tensor targetGradient(NetworkImpl &network, const at::Tensor &input, const at::Tensor &targets);
/// Target scores of a batch without gradients: [N] (logits or softmax probabilities).
at::Tensor targetScores(NetworkImpl &network, const at::Tensor &input, const at::Tensor &targets,
                        bool probabilities = false);
/// Calls request.progress; throws Error{Cancelled} when it returns false.
void reportProgress(const ExplainRequest &request, int64_t done, int64_t total);
} // namespace detail

} // namespace bcos::core
