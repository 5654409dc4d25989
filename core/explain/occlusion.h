#pragma once

#include "core/explain/explainer.h"

#include <vector>

namespace bcos::core {

/// Occlusion (Zeiler & Fergus 2014): a window x window square of the [0, 1] image is set to
/// options.baselineValue, the occluded image is encoded and classified, and the drop of the target logit
/// S(x) - S(x_occluded) is credited to every pixel of the window. attributions [N, H, W] = the mean drop over
/// the windows covering a pixel. Window origins are 0, stride, 2 stride, ... plus the last origin H - window
/// (so every pixel is covered). A network whose logits do not depend on the input gets all zeros.
Explanation explainOcclusion(NetworkImpl &network, const ExplainRequest &request);

/// Window origins along one axis of length `size` (sorted, unique). Throws Error{InvalidArgument} when
/// window is not in [1, size] or stride < 1.
std::vector<int64_t> occlusionOrigins(int64_t size, int64_t window, int64_t stride);

} // namespace bcos::core
