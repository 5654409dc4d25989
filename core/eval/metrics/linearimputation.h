#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// ROAD's linear imputation (Rong, Leemann, Borisov, Kasneci, Kasneci, "A Consistent and Efficient Evaluation
/// Strategy for Attribution Methods", ICML 2022, section 4 and its NoisyLinearImputer, without the noise): every
/// removed pixel i becomes the weighted mean of its 8 neighbours j inside the image,
///     sum_j w_ij (x_i - x_j) = 0,   w = 1/6 for the 4 direct neighbours, 1/12 for the diagonal ones,
/// where known pixels keep their values. Removed neighbours are unknowns too, so this is one sparse linear system
/// per image and channel; it is symmetric positive definite whenever a pixel is kept, and solved here by
/// conjugate gradients in double precision until the residual is below `tolerance` times the right-hand side.
/// images [B, C, H, W] floating, removed [B, H, W] bool -> imputed images [B, C, H, W] in the images' dtype.
/// Throws Error{InvalidArgument} for mismatched shapes and Error{Numerical} if the solver does not converge.
at::Tensor linearImputation(const at::Tensor &images, const at::Tensor &removed, double tolerance = 1e-10);

} // namespace bcos::core
