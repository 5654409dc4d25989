#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// The B-cos non-linearity shared by BcosConv2d and BcosLinear (B-cos v2, Eq. 3):
/// out * |cos|^(B-1) with cos = out / norm. B = 2 uses |out| / norm exactly (no epsilon), other B use
/// (|out / norm| + 1e-6)^(B-1) as the reference does. `learntB` (a 0-d parameter) replaces `b` when defined.
/// With `detach` (explanation mode) the factor is computed from detached out and norm, so the layer's
/// input gradient is its dynamic linear map.
/// The factor is applied in `out`'s dtype: with fp32 norms of bf16 activations (normPrecision) the output stays bf16.
/// On CUDA, B = 2 without a learnt B runs as one fused kernel (fusedBcosScale, same values to fp32 rounding) when
/// the build has the kernels and fusedKernelsEnabled(); on the CPU it is always composedBcosScale().
at::Tensor applyBcosScale(const at::Tensor &out, at::Tensor norm, double b, const at::Tensor &learntB, bool detach);

/// applyBcosScale as ATen operations (about 3 elementwise kernels forward, 7 backward): the CPU path, and the
/// reference the fused kernels are checked against.
at::Tensor composedBcosScale(const at::Tensor &out, at::Tensor norm, double b, const at::Tensor &learntB, bool detach);

/// `input` as the norms of the B-cos layers read it: reduced-precision activations (bf16 or fp16, e.g. under CUDA
/// autocast) in fp32, so that sums of squares over whole patches are not rounded to 8 bits; others as they are.
at::Tensor normPrecision(const at::Tensor &input);

} // namespace bcos::core
