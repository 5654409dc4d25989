#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// Sparseness as the Gini index of the absolute attribution (Chalasani, Chen, Chowdhury, Wu, Jha, "Concise
/// Explanations of Neural Networks using Adversarial Training", ICML 2020, section 5; Quantus' Sparseness). With
/// the n = H W values v = |a| sorted ascending, v_(1) <= ... <= v_(n),
///     G = sum_k (2k - n - 1) v_(k) / (n sum_k v_(k))   in [0, 1 - 1/n]:
/// 0 for a constant map, 1 - 1/n when one pixel holds everything. Higher is sparser. Invariant to scaling the map
/// by any non-zero constant. maps [N, H, W] floating (checkedMaps()) -> [N] double. Throws Error{InvalidArgument}
/// for an all-zero map (0 / 0) and Error{Numerical} for NaN or infinite values, naming the map.
at::Tensor giniSparseness(const at::Tensor &maps);

/// Complexity as the entropy of the normalised absolute attribution (Bhatt, Weller, Moura, "Evaluating and
/// Aggregating Feature-based Model Explanations", IJCAI 2020, section 5.2; Quantus' Complexity): with
/// P_i = |a_i| / sum_j |a_j|,
///     C = -sum_i P_i ln P_i   in [0, ln(H W)]   (0 ln 0 = 0),
/// 0 when one pixel holds everything, ln(H W) for a constant map. Lower is simpler. Invariant to scaling by any
/// non-zero constant. maps [N, H, W] -> [N] double, in nats; errors as giniSparseness().
at::Tensor attributionEntropy(const at::Tensor &maps);

} // namespace bcos::core
