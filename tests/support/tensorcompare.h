#pragma once

#include <ATen/core/Tensor.h>
#include <gtest/gtest.h>

#include <string>

namespace bcos::test {

/// The golden README's tolerance: |got - exp| <= rtol*|exp| + atolRel*max|exp|, where max|exp| is taken
/// per leading index (per image) so small images are not swamped. Reports the worst element on failure.
::testing::AssertionResult allCloseGolden(const at::Tensor &got, const at::Tensor &expected, double rtol,
                                          double atolRel, bool perLeadingIndex = true);

/// For two computations of one sum that add the same terms in another order (a weighted sum of stored maps vs
/// one backward pass, a blocked BLAS kernel vs another): the rounding error of each element scales with the
/// magnitudes summed, not with the result, which may cancel to almost nothing. `magnitude` is sum |term| per
/// element (same shape as `expected`); the bound is rtol*magnitude + atolRel*max(magnitude) (max per leading
/// index, as allCloseGolden). Since magnitude >= |expected|, this is never tighter than allCloseGolden.
::testing::AssertionResult allCloseToSum(const at::Tensor &got, const at::Tensor &expected,
                                         const at::Tensor &magnitude, double rtol, double atolRel,
                                         bool perLeadingIndex = true);

/// RGBA images made by gradientToRgba from a W known to within W's golden tolerance (|dW| <= rtolW*|W| +
/// atolRelW*max|W|, max per image): the colour r = v_c / (v_c + v_c+3) with v = clamp(W / max_c|W|, 0) is
/// ill-conditioned where both v are ~0 (a float32 ulp may turn it from 0 to 1), so each colour channel's bound
/// is the propagated (dv_c + dv_c+3) / (v_c + v_c+3), at most 1; alpha and every channel also get `atol`.
/// `expected` [N, H, W, 4] or [H, W, 4]; `weights` the matching W [N, 6, H, W] or [6, H, W].
::testing::AssertionResult allCloseRgba(const at::Tensor &got, const at::Tensor &expected, const at::Tensor &weights,
                                        double rtolW, double atolRelW, double atol);

/// Plain absolute tolerance |got - exp| <= atol.
::testing::AssertionResult allCloseAbs(const at::Tensor &got, const at::Tensor &expected, double atol);

} // namespace bcos::test
