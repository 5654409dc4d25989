#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bcos::core {

/// Per-sample image transform of the training pipeline, on tensors (torch interpolate, no OpenCV).
struct AugmentOptions {
    int64_t size = 0;        ///< output side in pixels; 0 keeps the native size (no crop, no resize)
    bool train = true;       ///< train: random resized crop + flip; eval: resize shorter side + centre crop
    double minScale = 0.08;  ///< random resized crop: smallest area fraction (torchvision default)
    bool horizontalFlip = true;       ///< train only, probability 1/2
    double evalResizeRatio = 256.0 / 224.0; ///< eval: shorter side resized to round(size * ratio) first
};

/// image [3, H, W] float in [0, 1] -> [3, size, size] (or [3, H, W] when size == 0). All randomness comes
/// from `seed` (see sampleSeed), so the result is reproducible whatever thread runs it.
at::Tensor augmentImage(const at::Tensor &image, const AugmentOptions &options, uint64_t seed);

} // namespace bcos::core
