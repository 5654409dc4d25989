#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

struct DetachableGroupNorm2dOptions {
    int64_t numGroups = 1;   ///< 1: the ViT-C stem's "GN layer norm" (DetachableGNLayerNorm2d)
    int64_t numChannels = 0;
    double eps = 1e-5;
    bool bias = true;
};

/// GroupNorm for [N, C, H, W] (B-cos v2 `DetachableGroupNorm2d`): statistics over each group's channels and
/// all pixels; in explanation mode the variance is detached, the mean is not. Keys: weight, [bias].
class DetachableGroupNorm2dImpl : public torch::nn::Module, public Detachable {
public:
    explicit DetachableGroupNorm2dImpl(const DetachableGroupNorm2dOptions &options);
    at::Tensor forward(const at::Tensor &input);

    at::Tensor weight;
    at::Tensor bias; ///< undefined unless options.bias

private:
    DetachableGroupNorm2dOptions m_options;
};
TORCH_MODULE(DetachableGroupNorm2d);

} // namespace bcos::core
