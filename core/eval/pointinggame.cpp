#include "pointinggame.h"

#include "core/error.h"
#include "core/shape.h"

#include <ATen/ATen.h>

namespace bcos::core {

double positiveFractionInBox(const at::Tensor &map, Box box)
{
    if (!map.defined() || map.dim() != 2 || !map.is_floating_point())
        fail(ErrorCode::InvalidArgument, "pointing game: expected a floating-point attribution map [H, W], got {}",
             map.defined() ? shapeString(map.sizes()) : std::string("an undefined tensor"));
    const int64_t height = map.size(0);
    const int64_t width = map.size(1);
    if (box.width() <= 0 || box.height() <= 0)
        fail(ErrorCode::InvalidArgument, "pointing game: the box x [{}, {}) y [{}, {}) is empty", box.x0, box.x1,
             box.y0, box.y1);
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height)
        fail(ErrorCode::InvalidArgument, "pointing game: the box x [{}, {}) y [{}, {}) does not lie inside the {} x {} map",
             box.x0, box.x1, box.y0, box.y1, width, height);
    double fraction = 0.0;
    translateTorchErrors("pointing game", [&] {
        // Energy-based pointing game: only positive evidence counts, summed in double.
        const at::Tensor positive = map.detach().to(at::kDouble).clamp_min(0.0);
        const double total = positive.sum().item<double>();
        if (total > 0.0)
            fraction = positive.slice(0, box.y0, box.y1).slice(1, box.x0, box.x1).sum().item<double>() / total;
    });
    return fraction;
}

} // namespace bcos::core
