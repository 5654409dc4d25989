#pragma once

#include "core/models/layerfactory.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

/// Shape of one residual block (torchvision BasicBlock / Bottleneck arguments).
struct ResNetBlockSpec {
    bool bottleneck = false;
    int64_t inplanes = 64;
    int64_t planes = 64;
    int64_t stride = 1;
    int64_t groups = 1;
    int64_t baseWidth = 64;
    int64_t dilation = 1;
    bool downsample = false; ///< 1x1 conv + norm on the identity path ("downsample.0", "downsample.1")

    static constexpr int64_t expansion(bool bottleneck) { return bottleneck ? 4 : 1; }
};

/// torchvision's BasicBlock (conv1, bn1, conv2, bn2) or Bottleneck (conv1..3, bn1..3), plus the optional
/// downsample Sequential, built in standard or B-cos mode by a LayerFactory. ReLU is core::relu.
/// [N, inplanes, H, W] -> [N, planes * expansion, H / stride, W / stride].
class ResNetBlockImpl : public torch::nn::Module {
public:
    ResNetBlockImpl(const ResNetBlockSpec &spec, const LayerFactory &layers);
    at::Tensor forward(const at::Tensor &input);

private:
    bool m_bottleneck;
    torch::nn::AnyModule m_conv1, m_bn1, m_conv2, m_bn2, m_conv3, m_bn3;
    torch::nn::Sequential m_downsample{nullptr};
};
TORCH_MODULE(ResNetBlock);

} // namespace bcos::core
