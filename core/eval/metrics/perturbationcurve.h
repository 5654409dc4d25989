#pragma once

#include "core/eval/metrics/metricinput.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace bcos::core {

/// Deletion removes the most relevant units from the image first; insertion adds them to the baseline first.
enum class PerturbationMode { Deletion, Insertion };

/// What a removed pixel becomes (deletion) or what the image starts from (insertion).
enum class PerturbationBaseline {
    Zeros, ///< black (0 in [0, 1] image space)
    Blur,  ///< the image blurred with a Gaussian (RISE: 11 x 11 kernel, sigma 5, zero padding)
    Mean,  ///< the image's mean colour, per channel
};

/// "zeros", "blur", "mean" and back; parsePerturbationBaseline throws Error{InvalidArgument} listing the names.
std::string_view perturbationBaselineName(PerturbationBaseline baseline);
PerturbationBaseline parsePerturbationBaseline(std::string_view name);

struct PerturbationOptions {
    PerturbationMode mode = PerturbationMode::Deletion;
    /// Curve points: steps + 1, after perturbing floor(k U / steps) of the U units, k = 0..steps.
    int64_t steps = 32;
    /// nullopt: RISE's choice, zeros for deletion and blur for insertion.
    std::optional<PerturbationBaseline> baseline;
    /// 1: units are pixels; p > 1: p x p patches ranked by their summed attribution (H and W divisible by p).
    int64_t patchSize = 1;
    int64_t blurKernel = 11;  ///< odd side of the Gaussian kernel (Blur)
    double blurSigma = 5.0;   ///< its standard deviation in pixels
    int64_t batchSize = 64;   ///< perturbed images per score call
};

/// The curves of perturbationCurves().
struct PerturbationCurves {
    at::Tensor fractions; ///< [S] double: share of the units perturbed at each point, from 0 to 1
    at::Tensor scores;    ///< [N, S] double: the target score after each step
    at::Tensor auc;       ///< [N] double: trapezoidal area under scores over fractions
};

/// Deletion and insertion curves (Petsiuk, Das, Saenko, "RISE: Randomized Input Sampling for Explanation of
/// Black-box Models", BMVC 2018, section 4.1). The units (pixels or patches) of image n are ranked by decreasing
/// attribution a (signed; ties by raster order, a stable sort). With m_k the mask of the first
/// c_k = floor(k U / steps) units and b the baseline,
///     deletion:  x_k = (1 - m_k) * x + m_k * b,      insertion:  x_k = m_k * x + (1 - m_k) * b,
/// the curve is s_k = score(x_k, target) and AUC = sum_k (f_{k+1} - f_k) (s_k + s_{k+1}) / 2 with f_k = c_k / U.
/// A faithful map gives a low deletion AUC (the score falls fast) and a high insertion AUC.
/// images [N, 3, H, W] in [0, 1], targets [N], maps [N, H, W] (checkedMaps()). The N (steps + 1) perturbed images
/// are scored in chunks of options.batchSize. A map that is all zero has no order and is refused
/// (Error{InvalidArgument} naming the map); bad options throw Error{InvalidArgument}; `progress` counts scored
/// images and may cancel (Error{Cancelled}).
PerturbationCurves perturbationCurves(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets,
                                      const at::Tensor &maps, const PerturbationOptions &options,
                                      const MetricProgress &progress = {});

/// Throws Error{InvalidArgument} "<deletion|insertion>: ..." for options that cannot perturb height x width maps.
void checkPerturbationOptions(const PerturbationOptions &options, int64_t height, int64_t width);

/// The baseline images [N, 3, H, W] for `images` (see PerturbationBaseline; blur options from `options`).
at::Tensor perturbationBaseline(const at::Tensor &images, PerturbationBaseline baseline,
                                const PerturbationOptions &options = {});

/// The rank of each unit of maps [N, H, W] in decreasing attribution order (0 = most relevant), per patch of
/// patchSize x patchSize pixels -> [N, H / p, W / p] int64. Ties keep raster order.
at::Tensor unitRanks(const at::Tensor &maps, int64_t patchSize);

} // namespace bcos::core
