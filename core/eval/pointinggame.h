#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

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

} // namespace bcos::core
