#include "detachablegelu.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos::core {

at::Tensor DetachableGeluImpl::forward(const at::Tensor &input)
{
    at::Tensor gate = 0.5 * (1 + torch::erf(input / std::sqrt(2.0)));
    if (detach())
        gate = gate.detach();
    return gate * input;
}

} // namespace bcos::core
