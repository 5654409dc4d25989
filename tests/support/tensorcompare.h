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

/// Plain absolute tolerance |got - exp| <= atol.
::testing::AssertionResult allCloseAbs(const at::Tensor &got, const at::Tensor &expected, double atol);

} // namespace bcos::test
