#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// The B-cos scale for B = 2 as one fused operation: y = out * |out| / norm, with `norm` broadcasting over one
/// dimension of `out` (the output channels): conv [N, C, H, W] (contiguous or channels-last) with norm [N, 1, H, W],
/// linear [N, C] with [N, 1], ViT tokens [N, T, C] with [N, T, 1]; a norm of out's shape is applied per element.
/// It computes what composedBcosScale(out, norm, 2, {}, detach) computes, as an autograd function with an explicit
/// backward: d/d out = g * 2|out| / norm, d/d norm = -sum_C(g * out * |out|) / norm^2; with `detach` the factor
/// |out| / norm is a constant (d/d out = g * |out| / norm, norm gets no gradient). One kernel forward and one
/// backward on CUDA (fusedCudaKernelsBuilt()), reference loops of the same math on the CPU.
/// `out` fp32 or bf16 with fp32 `norm` (bf16 as normPrecision() gives it: the factor is computed in fp32 and rounded
/// to bf16, then multiplied in bf16, exactly as the composition rounds); other dtypes, layouts (norm broadcasting
/// over several dimensions) or devices get the composition. The result has out's dtype and memory layout.
at::Tensor fusedBcosScale(const at::Tensor &out, const at::Tensor &norm, bool detach);

/// Whether fusedBcosScale() runs its own loops or kernel for these tensors (not the composition): fp32 or bf16
/// `out` with fp32 `norm` of as many dimensions, broadcasting over at most one, on one CPU or CUDA device.
bool fusedBcosScaleSupports(const at::Tensor &out, const at::Tensor &norm);

/// Whether this build has the fused CUDA kernels (configured with BCOS_WITH_CUDA=ON).
bool fusedCudaKernelsBuilt();

/// The run-time switch of the fused kernels, for comparisons and benchmarks: applyBcosScale takes the fused path on
/// CUDA only while it is on. On by default; the environment variable BCOS_FUSED_KERNELS=0 turns it off at start.
/// Process-wide (like LibTorch's own backend switches); set it before running a network, not during.
void setFusedKernels(bool enabled);
bool fusedKernelsEnabled();

} // namespace bcos::core
