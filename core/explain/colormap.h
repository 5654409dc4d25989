#pragma once

#include <ATen/core/Tensor.h>

#include <string_view>

namespace bcos::core {

/// Colour maps for attribution heat maps, on tensors (no Qt, no OpenCV). Each map is matplotlib's 256-entry
/// lookup table: value t in [0, 1] takes entry min(floor(256 t), 255).
enum class Colormap { Bwr, Jet, Viridis, Gray };

/// "bwr", "jet", "viridis", "gray".
std::string_view colormapName(Colormap map);
/// Inverse of colormapName(); throws Error{InvalidArgument} listing the valid names.
Colormap parseColormap(std::string_view name);
/// True for diverging maps (bwr), which are scaled symmetrically around 0.
bool isSymmetric(Colormap map);

/// The lookup table [256, 3], float32 in [0, 1].
at::Tensor colormapTable(Colormap map);

/// How attribution values are mapped to [0, 1].
struct ColorScale {
    double percentile = 99.5; ///< clip at this percentile (100: min/max); linear interpolation as torch.quantile
    bool perImage = true;     ///< scale each image on its own, or all N images with one shared range
    bool symmetric = true;    ///< t = v / (2 q(|v|)) + 1/2 (0 -> white for bwr); else (v - q_lo) / (q_hi - q_lo)
};

/// Attribution maps [N, H, W] -> values in [0, 1] [N, H, W] (a constant map gives 1/2 symmetric, 0 otherwise).
at::Tensor scaleMaps(const at::Tensor &maps, const ColorScale &scale);
/// The values scaleMaps() sends to 0 and to 1, per map: [N, 2] float64 (low, high) on the CPU. Symmetric:
/// (-q, q) with q the percentile of |v|; otherwise the lower and upper percentiles. With a shared scale every
/// row holds the same pair. What a colour bar of the rendered map is labelled with. Same errors as scaleMaps().
at::Tensor scaleRanges(const at::Tensor &maps, const ColorScale &scale);
/// Values in [0, 1] [N, H, W] -> colours [N, H, W, 3] (float32, on the values' device).
at::Tensor applyColormap(const at::Tensor &values, Colormap map);
/// scaleMaps() then applyColormap(), with scale.symmetric taken from the map.
at::Tensor colorizeMaps(const at::Tensor &maps, Colormap map, ColorScale scale = {});
/// Alpha blend: images [N, 3, H, W] in [0, 1], colours [N, H, W, 3], alpha a scalar in [0, 1] or a tensor
/// [N, H, W] -> (1 - alpha) image + alpha colour, [N, H, W, 3]. Throws Error{InvalidArgument} on shape mismatch.
at::Tensor overlayColors(const at::Tensor &images, const at::Tensor &colors, const at::Tensor &alpha);
at::Tensor overlayColors(const at::Tensor &images, const at::Tensor &colors, double alpha);

} // namespace bcos::core
