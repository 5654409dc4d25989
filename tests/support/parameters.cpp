#include "parameters.h"

#include <ATen/ATen.h>

namespace bcos::test {

std::vector<at::Tensor> cloneParameters(const std::vector<at::Tensor> &parameters)
{
    std::vector<at::Tensor> copies;
    for (const auto &parameter : parameters)
        copies.push_back(parameter.detach().clone(at::MemoryFormat::Preserve).requires_grad_(true));
    return copies;
}

} // namespace bcos::test
