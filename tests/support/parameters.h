#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

namespace bcos::test {

/// Independent copies of `parameters` (same values and memory format, requiring gradients, no gradient).
std::vector<at::Tensor> cloneParameters(const std::vector<at::Tensor> &parameters);

} // namespace bcos::test
