#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// The B-cos non-linearity shared by BcosConv2d and BcosLinear (B-cos v2, Eq. 3):
/// out * |cos|^(B-1) with cos = out / norm. B = 2 uses |out| / norm exactly (no epsilon), other B use
/// (|out / norm| + 1e-6)^(B-1) as the reference does. `learntB` (a 0-d parameter) replaces `b` when defined.
/// With `detach` (explanation mode) the factor is computed from detached out and norm, so the layer's
/// input gradient is its dynamic linear map.
at::Tensor applyBcosScale(const at::Tensor &out, at::Tensor norm, double b, const at::Tensor &learntB, bool detach);

} // namespace bcos::core
