#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

struct DetachableLayerNormOptions {
    int64_t normalizedSize = 0; ///< size of the last dimension
    double eps = 1e-5;
    bool bias = true;           ///< B-cosified models remove it
};

/// LayerNorm over the last dimension (B-cos v2 `DetachableLayerNorm`): (x - mean) / sqrt(var + eps) * weight (+ bias).
/// In explanation mode the variance is detached, the mean is not, so the layer is dynamic linear
/// (a centring matrix times a constant scale). Input [..., D] -> [..., D]. Keys: weight, [bias].
class DetachableLayerNormImpl : public torch::nn::Module, public Detachable {
public:
    explicit DetachableLayerNormImpl(const DetachableLayerNormOptions &options);
    at::Tensor forward(const at::Tensor &input);
    const DetachableLayerNormOptions &options() const { return m_options; }

    at::Tensor weight;
    at::Tensor bias; ///< undefined unless options.bias

private:
    DetachableLayerNormOptions m_options;
};
TORCH_MODULE(DetachableLayerNorm);

} // namespace bcos::core
