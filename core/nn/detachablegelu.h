#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

/// Exact GELU written as gate(x) * x with gate = (1 + erf(x / sqrt 2)) / 2 (the reference's `MyGELU`;
/// numerically nn.GELU). In explanation mode the gate is detached, making the layer dynamic linear.
/// Any shape -> same shape. No parameters.
class DetachableGeluImpl : public torch::nn::Module, public Detachable {
public:
    at::Tensor forward(const at::Tensor &input);
};
TORCH_MODULE(DetachableGelu);

} // namespace bcos::core
