#pragma once

#include "core/explain/explainer.h"

namespace bcos::core {

/// RISE (Petsiuk et al. 2018): M random masks (binary s x s grids, kept with probability p, bilinearly
/// upsampled to (s+1) cells and randomly shifted by less than one cell); saliency
/// attributions[n] = sum_m S_n(x * mask_m) mask_m / (M p) [N, H, W], S = target probability (or logit).
/// Deterministic: the masks depend only on (seed, H, W, options), not on the batch size or device.
Explanation explainRise(NetworkImpl &network, const ExplainRequest &request);

/// Masks [count, H, W] in [0, 1] number first..first+count-1 of the sequence for `options` (CPU, float32).
at::Tensor riseMasks(const RiseOptions &options, int64_t height, int64_t width, int64_t first, int64_t count);

} // namespace bcos::core
