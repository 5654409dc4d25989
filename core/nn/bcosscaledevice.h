#pragma once
// The device side of fusedBcosScale (core/nn/fusedbcosscale.cpp), one interface whose implementation CMake
// chooses: core/nn/cuda/bcosscalecuda.cpp with the CUDA kernels (BCOS_WITH_CUDA=ON), bcosscalenocuda.cpp without.

#include "core/nn/bcosscalemath.h"
#include "core/nn/fusedbcosscale.h" // fusedCudaKernelsBuilt()

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// y = out * |out| / norm on out's CUDA device and current stream. `out` and `y` [outer, channels, inner],
/// `norm` [outer, 1, inner] fp32, all contiguous on one CUDA device; out and y fp32 or bf16 alike.
/// Throws Error{Unsupported} in a build without the kernels, Error{Internal} when the launch fails.
void cudaBcosScaleForward(const at::Tensor &out, const at::Tensor &norm, const at::Tensor &y,
                          const bcosmath::ScaleShape &shape);

/// The gradients of y for the incoming `grad` (out's dtype and layout): `gradOut` like out, and, when defined,
/// `gradNorm` like norm (fp32). `detach`: the factor |out| / norm is a constant (gradNorm must be undefined).
void cudaBcosScaleBackward(const at::Tensor &grad, const at::Tensor &out, const at::Tensor &norm, bool detach,
                           const at::Tensor &gradOut, const at::Tensor &gradNorm, const bcosmath::ScaleShape &shape);

} // namespace bcos::core
