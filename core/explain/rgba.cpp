#include "rgba.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

at::Tensor gradientToRgba(const at::Tensor &image6, const at::Tensor &weights, int64_t smooth, double alphaPercentile)
{
    if (image6.sizes() != weights.sizes() || (image6.dim() != 3 && image6.dim() != 4)
        || image6.size(image6.dim() - 3) != 6)
        fail(ErrorCode::InvalidArgument, "gradientToRgba: expected image6 and W of equal shape [N, 6, H, W], got {} and {}",
             shapeString(image6.sizes()), shapeString(weights.sizes()));
    if (smooth < 0 || (smooth > 1 && smooth % 2 == 0))
        fail(ErrorCode::InvalidArgument, "gradientToRgba: smooth must be 0 or an odd kernel size, got {}", smooth);
    if (!(alphaPercentile > 0 && alphaPercentile <= 100))
        fail(ErrorCode::InvalidArgument, "gradientToRgba: the alpha percentile must be in (0, 100], got {}",
             alphaPercentile);
    const bool single = image6.dim() == 3;
    const at::Tensor x = single ? image6.unsqueeze(0) : image6;
    const at::Tensor w = single ? weights.unsqueeze(0) : weights;

    const at::Tensor contributions = (x * w).sum(1, /*keepdim=*/true); // [N, 1, H, W]
    // Each pixel's 6-vector scaled so its largest |entry| is 1; negative weights do not colour.
    at::Tensor v = (w / (std::get<0>(w.abs().max(1, /*keepdim=*/true)) + 1e-12)).clamp_min(0);
    const at::Tensor rgb = v.slice(1, 0, 3) / (v.slice(1, 0, 3) + v.slice(1, 3, 6) + 1e-12); // [N, 3, H, W]

    // Opacity: the strength ||W(x)||, shown only where the contribution is positive.
    at::Tensor alpha = w.norm(2, {1}, /*keepdim=*/true);
    alpha = torch::where(contributions < 0, torch::full_like(alpha, 1e-12), alpha);
    if (smooth > 0)
        alpha = torch::avg_pool2d(alpha, {smooth, smooth}, {1, 1}, {(smooth - 1) / 2, (smooth - 1) / 2});
    const at::Tensor cutoff = alpha.flatten(1).quantile(alphaPercentile / 100, /*dim=*/1, /*keepdim=*/true);
    const at::Tensor level = cutoff.view({-1, 1, 1, 1});
    // An all-zero map (CLIP's argmax mode with only negative cosines) stays transparent; the reference gives NaN.
    alpha = torch::where(level > 0, (alpha / level).clip(0, 1), torch::zeros_like(alpha));

    at::Tensor out = torch::cat({rgb, alpha}, 1).permute({0, 2, 3, 1}).contiguous(); // [N, H, W, 4]
    return single ? out.squeeze(0) : out;
}

} // namespace bcos::core
