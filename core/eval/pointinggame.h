#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace bcos::core {

/// A box in map pixel coordinates, half-open: columns [x0, x1), rows [y0, y1).
struct Box {
    int64_t x0 = 0;
    int64_t y0 = 0;
    int64_t x1 = 0;
    int64_t y1 = 0;

    int64_t width() const { return x1 - x0; }
    int64_t height() const { return y1 - y0; }
};

/// The energy-based pointing game for one attribution map (Score-CAM / B-cos localisation): the share of the
/// positive attribution that falls inside `box`, sum(max(map, 0) in box) / sum(max(map, 0)), in [0, 1].
/// map [H, W] (any floating dtype, any device; summed in double). A map without positive attribution gives 0
/// (no evidence anywhere, as gridPointingGame()). Throws Error{InvalidArgument} for a map that is not [H, W],
/// an empty box or a box that does not lie inside the map, naming the box and the map size.
double positiveFractionInBox(const at::Tensor &map, Box box);

/// The energy-based pointing game (EPG; Wang et al., "Score-CAM", CVPR-W 2020, section 4.3; the localisation
/// metric of the B-cos papers on VOC/COCO boxes) for a batch: with a+ = max(a, 0),
///     EPG_n = sum_{i in R_n} a+_{n,i} / sum_i a+_{n,i}   in [0, 1],
/// the share of the positive attribution inside the region R_n of image n (the object's boxes or mask).
/// maps [N, H, W] floating (summed in double), regions [N, H, W] bool -> [N] double. A map without positive
/// attribution scores 0 (no evidence anywhere, as positiveFractionInBox() and the grid pointing game). Throws
/// Error{InvalidArgument} for mismatched shapes or an empty region ("... the region of image <n> is empty"),
/// Error{Numerical} for NaN or infinite attributions (naming the map).
at::Tensor energyPointingGame(const at::Tensor &maps, const at::Tensor &regions);

/// The union of each image's boxes as a region [N, H, W] bool for energyPointingGame(): boxes[n] are image n's
/// boxes (e.g. every object of the explained class). Throws Error{InvalidArgument} for an image without boxes, an
/// empty box or one that does not lie inside the H x W map, naming the image and the box.
at::Tensor boxRegions(const std::vector<std::vector<Box>> &boxes, int64_t height, int64_t width);

} // namespace bcos::core
