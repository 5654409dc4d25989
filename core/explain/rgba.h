#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bcos::core {

/// Colour explanation of a B-cos network (bcos.common.gradient_to_image, B-cos v2):
/// 1. v = W / (max_c |W| + 1e-12), clamped at 0; 2. rgb = v[:3] / (v[:3] + v[3:] + 1e-12);
/// 3. alpha = ||W||_2 over channels, 1e-12 where sum_c W * image6 < 0; 4. if smooth > 0, avg-pool alpha with
/// a smooth x smooth window, stride 1, zero padding (smooth - 1) / 2 counted in the mean; 5. alpha divided by
/// its alphaPercentile quantile (torch.quantile, linear interpolation, per image) and clipped to [0, 1].
/// `image6` and `weights` are [N, 6, H, W] (or [6, H, W]); returns [N, H, W, 4] (or [H, W, 4]) float RGBA in
/// [0, 1]. Throws Error{InvalidArgument} for mismatched shapes, an even smooth > 1 (the reference would
/// change the map size) or a percentile outside (0, 100].
at::Tensor gradientToRgba(const at::Tensor &image6, const at::Tensor &weights, int64_t smooth = 15,
                          double alphaPercentile = 99.5);

} // namespace bcos::core
