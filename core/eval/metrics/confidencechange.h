#pragma once

#include "core/eval/metrics/metricinput.h"

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bcos::core {

/// Per-image terms of average drop and increase in confidence.
struct ConfidenceChange {
    at::Tensor full;     ///< [N] double: Y, the target score of the image
    at::Tensor masked;   ///< [N] double: O, the target score of the explanation map E
    at::Tensor drop;     ///< [N] double: max(0, Y - O) / Y (average drop is its mean; lower is better)
    at::Tensor increase; ///< [N] double: 1 where O > Y, else 0 (increase in confidence is its mean; higher is better)
};

/// Average drop and increase in confidence (Chattopadhay, Sarkar, Howlader, Balasubramanian, "Grad-CAM++",
/// WACV 2018, section 6.1.1):
///     Average drop % = 100/N sum_n max(0, Y_n - O_n) / Y_n,   Increase in confidence % = 100/N sum_n 1[Y_n < O_n],
/// where Y_n is the target score of image x_n and O_n that of its explanation map E_n = x_n * a+_n / max(a+_n),
/// the image weighted point-wise by the positive part of the attribution scaled to [0, 1] (black where a <= 0).
/// images [N, 3, H, W] in [0, 1], targets [N], maps [N, H, W]; scores are taken in chunks of batchSize images.
/// Throws Error{InvalidArgument} for a map without a positive value (E would be black) and for a score Y <= 0
/// (the ratio needs positive scores: use probabilities); `progress` counts scored images and may cancel.
ConfidenceChange confidenceChange(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets,
                                  const at::Tensor &maps, int64_t batchSize = 64, const MetricProgress &progress = {});

} // namespace bcos::core
