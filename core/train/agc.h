#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace bcos::core {

/// Options of adaptive gradient clipping (Brock et al. 2021, as used by the B-cos training recipes).
struct AgcOptions {
    double clipFactor = 0.01;
    double eps = 1e-3;
};

/// The unit-wise norm of the reference's adaptive_clip_grad_: the whole-tensor norm when x.squeeze() has at
/// most one dimension; otherwise the norm over dim 1 only for 2-D/3-D tensors (sic, kept from the reference)
/// and over dims (1, 2, 3) for 4-D tensors, keeping dims so it broadcasts against x.
/// Throws Error{InvalidArgument} for 5-D and larger tensors.
at::Tensor unitwiseNorm(const at::Tensor &x);

/// Clips every parameter's gradient in place: with max = clamp(unitwiseNorm(p), eps) * clipFactor,
/// g <- g where unitwiseNorm(g) < max, else g * max / clamp(unitwiseNorm(g), 1e-6).
/// Parameters without a gradient are skipped. Parameters of equal shape are stacked and clipped in one
/// vectorised computation.
void adaptiveClipGrad(const std::vector<at::Tensor> &parameters, const AgcOptions &options = {});

} // namespace bcos::core
