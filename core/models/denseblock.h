#pragma once

#include "core/models/layerfactory.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace bcos::core {

/// torchvision's _DenseLayer: norm1 -> relu -> conv1 (1x1, bn_size * growth) -> norm2 -> relu -> conv2 (3x3,
/// growth), then dropout while training. [N, inFeatures, H, W] -> [N, growthRate, H, W].
class DenseLayerImpl : public torch::nn::Module {
public:
    DenseLayerImpl(int64_t inFeatures, int64_t growthRate, int64_t bnSize, double dropRate,
                   const LayerFactory &layers);
    at::Tensor forward(const at::Tensor &input);

private:
    torch::nn::AnyModule m_norm1, m_conv1, m_norm2, m_conv2;
    double m_dropRate;
};
TORCH_MODULE(DenseLayer);

/// torchvision's _DenseBlock: children "denselayer1".."denselayerN"; each layer sees the concatenation of the
/// block input and all previous layers' outputs. [N, C, H, W] -> [N, C + N_layers * growthRate, H, W].
class DenseBlockImpl : public torch::nn::Module {
public:
    DenseBlockImpl(int64_t numLayers, int64_t inFeatures, int64_t growthRate, int64_t bnSize, double dropRate,
                   const LayerFactory &layers);
    at::Tensor forward(const at::Tensor &input);

private:
    std::vector<DenseLayer> m_layers;
};
TORCH_MODULE(DenseBlock);

} // namespace bcos::core
