#pragma once
// The host launchers of the fused B-cos scale kernels (bcosscale.cu, compiled by nvcc without LibTorch's headers):
// raw device pointers of contiguous [outer, channels, inner] tensors, launched on `stream`. Each returns the launch's
// cudaGetLastError(); the ATen side (bcosscalecuda.cpp) checks the tensors and turns a failure into core::Error.

#include "core/nn/bcosscalemath.h"

#include <cuda_runtime_api.h>

namespace bcos::core::cudakernels {

/// The element type of `out`, `y` and the gradients of out (norms and their gradients are fp32).
enum class ScaleDtype { Float32, BFloat16 };

/// y = out * |out| / norm; `norm` [outer, inner].
cudaError_t launchBcosScaleForward(ScaleDtype dtype, const void *out, const float *norm, void *y,
                                   const bcosmath::ScaleShape &shape, cudaStream_t stream);

/// gradOut = d loss / d out for `grad` = d loss / d y; gradNorm [outer, inner] = d loss / d norm unless null
/// (always null with `detach`).
cudaError_t launchBcosScaleBackward(ScaleDtype dtype, const void *grad, const void *out, const float *norm, bool detach,
                                    void *gradOut, float *gradNorm, const bcosmath::ScaleShape &shape,
                                    cudaStream_t stream);

} // namespace bcos::core::cudakernels
