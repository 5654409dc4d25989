#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// ROAD's linear imputation (Rong, Leemann, Borisov, Kasneci, Kasneci, "A Consistent and Efficient Evaluation
/// Strategy for Attribution Methods", ICML 2022, section 4 and its NoisyLinearImputer, without the noise): every
/// removed pixel i becomes the weighted mean of its 8 neighbours j inside the image,
///     sum_j w_ij (x_i - x_j) = 0,   w = 1/6 for the 4 direct neighbours, 1/12 for the diagonal ones,
/// where known pixels keep their values. Removed neighbours are unknowns too, so this is one sparse linear system
/// per image (shared by its channels); it is symmetric positive definite whenever a pixel is kept, and solved
/// exactly (in double precision) by a banded Cholesky factorisation in raster order: bandwidth W + 1, about
/// H W^3 / 2 multiply-adds per image (0.6 M at 32 x 32; ROAD's reference uses a sparse direct solver too).
/// Images are solved in parallel on the CPU. images [B, C, H, W] floating, removed [B, H, W] bool -> imputed
/// images [B, C, H, W] in the images' dtype and device; kept pixels are returned unchanged. Throws
/// Error{InvalidArgument} for mismatched shapes or an image whose pixels are all removed.
at::Tensor linearImputation(const at::Tensor &images, const at::Tensor &removed);

} // namespace bcos::core
