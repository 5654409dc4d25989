#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

struct DetachablePositionNorm2dOptions {
    int64_t numFeatures = 0;
    double eps = 1e-6; ///< B-cos-v2 ConvNeXt's default
    bool bias = false; ///< the zoo builds it with NoBias
};

/// B-cos-v2 `DetachablePositionNorm2d`: a LayerNorm over the channels at every pixel,
/// (x - mean_c x) / sqrt(var_c x + eps) * weight[c] (+ bias[c]), population variance. In explanation mode the
/// variance is detached, the mean is not, so the layer is dynamic linear. No running statistics.
/// Input [N, C, H, W] -> [N, C, H, W]. Keys: weight, [bias].
class DetachablePositionNorm2dImpl : public torch::nn::Module, public Detachable {
public:
    explicit DetachablePositionNorm2dImpl(const DetachablePositionNorm2dOptions &options);
    at::Tensor forward(const at::Tensor &input);
    const DetachablePositionNorm2dOptions &options() const { return m_options; }

    at::Tensor weight;
    at::Tensor bias; ///< undefined unless options.bias

private:
    DetachablePositionNorm2dOptions m_options;
};
TORCH_MODULE(DetachablePositionNorm2d);

} // namespace bcos::core
