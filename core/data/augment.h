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
    double evalResizeRatio = 256.0 / 224.0; ///< eval: shorter side resized to round(size * ratio) first (modelInput)
};

/// image [3, H, W] float in [0, 1] -> [3, size, size] (or [3, H, W] when size == 0). All randomness comes
/// from `seed` (see sampleSeed), so the result is reproducible whatever thread runs it.
at::Tensor augmentImage(const at::Tensor &image, const AugmentOptions &options, uint64_t seed);

/// The most pixels modelInputBytes() resizes an image to (as many as imaging::readImage() decodes).
constexpr int64_t kMaxResizedPixels = 100'000'000;

/// A whole image as a model sees it everywhere but in training's random crops: `bcos predict`, `explain`,
/// `evaluate`, validation during training and the studio all prepare their inputs here, so one file gives the same
/// input, bit for bit, in each. As torchvision's eval transform on an 8-bit image (PIL's, or a uint8 tensor):
/// 1. the image in 8 bits: uint8 as it is, float in [0, 1] as round(255 * x) (what readImageBytes() gives for the
///    file readImage() decoded);
/// 2. Resize(resizeSize; 0: inputSize): the shorter side to resizeSize, the longer to floor(resizeSize * longer /
///    shorter), antialiased bilinear (PIL's filter, computed in float), rounded to 8 bits; no resampling when the
///    shorter side already has that size;
/// 3. CenterCrop(inputSize) at round((extent - inputSize) / 2), halves to even (Python's round()).
/// image: [3, H, W] uint8, or float in [0, 1] (NaN as 0). Returns uint8 [3, inputSize, inputSize]. Throws
/// InvalidArgument for another shape, inputSize < 1, resizeSize in 1..inputSize-1, or an image so elongated that
/// resizing it would give more than kMaxResizedPixels.
at::Tensor modelInputBytes(const at::Tensor &image, int64_t inputSize, int64_t resizeSize);
/// modelInputBytes() as float32 in [0, 1]: bytes / 255, as torchvision's ToTensor and the studio's tensorFromImages().
at::Tensor modelInput(const at::Tensor &image, int64_t inputSize, int64_t resizeSize);

} // namespace bcos::core
