#pragma once

#include <ATen/core/Tensor.h>
#include <gtest/gtest.h>

#include <string>

namespace bcos::test {

/// The golden README's tolerance: |got - exp| <= rtol*|exp| + atolRel*max|exp|, where max|exp| is taken
/// per leading index (per image) so small images are not swamped. Reports the worst element on failure.
::testing::AssertionResult allCloseGolden(const at::Tensor &got, const at::Tensor &expected, double rtol,
                                          double atolRel, bool perLeadingIndex = true);

/// Plain absolute tolerance |got - exp| <= atol.
::testing::AssertionResult allCloseAbs(const at::Tensor &got, const at::Tensor &expected, double atol);

} // namespace bcos::test
