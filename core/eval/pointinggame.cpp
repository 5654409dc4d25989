#include "pointinggame.h"

#include "core/error.h"
#include "core/eval/metrics/metricinput.h"
#include "core/shape.h"

#include <ATen/ATen.h>

namespace bcos::core {
namespace {

/// Throws for a box that is empty or leaves the width x height map; `context` starts the message.
void checkBox(std::string_view context, Box box, int64_t width, int64_t height)
{
    if (box.width() <= 0 || box.height() <= 0)
        fail(ErrorCode::InvalidArgument, "{}: the box x [{}, {}) y [{}, {}) is empty", context, box.x0, box.x1, box.y0,
             box.y1);
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height)
        fail(ErrorCode::InvalidArgument, "{}: the box x [{}, {}) y [{}, {}) does not lie inside the {} x {} map",
             context, box.x0, box.x1, box.y0, box.y1, width, height);
}

} // namespace

double positiveFractionInBox(const at::Tensor &map, Box box)
{
    if (!map.defined() || map.dim() != 2 || !map.is_floating_point())
        fail(ErrorCode::InvalidArgument, "pointing game: expected a floating-point attribution map [H, W], got {}",
             map.defined() ? shapeString(map.sizes()) : std::string("an undefined tensor"));
    checkBox("pointing game", box, map.size(1), map.size(0));
    at::Tensor fraction;
    translateTorchErrors("pointing game", [&] {
        fraction = energyPointingGame(map.unsqueeze(0), boxRegions({{box}}, map.size(0), map.size(1)));
    });
    return fraction[0].item<double>();
}

at::Tensor energyPointingGame(const at::Tensor &maps, const at::Tensor &regions)
{
    constexpr std::string_view metric = "energy pointing game";
    const at::Tensor values = checkedMaps(metric, maps);
    if (!regions.defined() || regions.scalar_type() != at::kBool || !regions.sizes().equals(values.sizes()))
        fail(ErrorCode::InvalidArgument, "{}: expected regions {} bool for maps {}, got {}", metric,
             shapeString(values.sizes()), shapeString(values.sizes()),
             regions.defined() ? shapeString(regions.sizes()) + " " + std::string(c10::toString(regions.scalar_type()))
                               : std::string("no tensor"));
    const at::Tensor inside = regions.to(values.device());
    const at::Tensor empty = inside.flatten(1).any(1).logical_not().nonzero();
    if (empty.size(0) > 0)
        fail(ErrorCode::InvalidArgument, "{}: the region of image {} is empty", metric, empty[0][0].item<int64_t>());
    // Only positive evidence counts (the energy of the map); no positive energy at all scores 0.
    const at::Tensor positive = values.clamp_min(0.0).flatten(1);
    const at::Tensor total = positive.sum(1);
    const at::Tensor within = (positive * inside.flatten(1)).sum(1);
    return at::where(total.gt(0), within / at::where(total.gt(0), total, at::ones_like(total)),
                        at::zeros_like(total))
        .cpu();
}

at::Tensor boxRegions(const std::vector<std::vector<Box>> &boxes, int64_t height, int64_t width)
{
    at::Tensor regions = at::zeros({int64_t(boxes.size()), height, width}, at::kBool);
    for (size_t n = 0; n < boxes.size(); ++n) {
        const std::string context = fmt::format("energy pointing game, image {}", n);
        if (boxes[n].empty())
            fail(ErrorCode::InvalidArgument, "{}: no box", context);
        for (const Box &box : boxes[n]) {
            checkBox(context, box, width, height);
            regions[int64_t(n)].slice(0, box.y0, box.y1).slice(1, box.x0, box.x1).fill_(true);
        }
    }
    return regions;
}

} // namespace bcos::core
