#include "denseblock.h"

#include "core/nn/activations.h"

#include <torch/torch.h>

namespace bcos::core {

DenseLayerImpl::DenseLayerImpl(int64_t inFeatures, int64_t growthRate, int64_t bnSize, double dropRate,
                               const LayerFactory &layers)
    : m_dropRate(dropRate)
{
    ConvSpec bottleneck;
    bottleneck.inChannels = inFeatures;
    bottleneck.outChannels = bnSize * growthRate;
    ConvSpec conv;
    conv.inChannels = bnSize * growthRate;
    conv.outChannels = growthRate;
    conv.kernelSize = 3;
    conv.padding = 1;
    m_norm1 = layers.norm(inFeatures);
    register_module("norm1", m_norm1.ptr());
    m_conv1 = layers.conv(bottleneck);
    register_module("conv1", m_conv1.ptr());
    m_norm2 = layers.norm(bnSize * growthRate);
    register_module("norm2", m_norm2.ptr());
    m_conv2 = layers.conv(conv);
    register_module("conv2", m_conv2.ptr());
}

at::Tensor DenseLayerImpl::forward(const at::Tensor &input)
{
    at::Tensor out = m_conv1.forward(core::relu(m_norm1.forward(input)));
    out = m_conv2.forward(core::relu(m_norm2.forward(out)));
    if (m_dropRate > 0)
        out = torch::dropout(out, m_dropRate, is_training());
    return out;
}

DenseBlockImpl::DenseBlockImpl(int64_t numLayers, int64_t inFeatures, int64_t growthRate, int64_t bnSize,
                               double dropRate, const LayerFactory &layers)
{
    for (int64_t i = 0; i < numLayers; ++i) {
        m_layers.push_back(register_module("denselayer" + std::to_string(i + 1),
                                           DenseLayer(inFeatures + i * growthRate, growthRate, bnSize, dropRate,
                                                      layers)));
    }
}

at::Tensor DenseBlockImpl::forward(const at::Tensor &input)
{
    std::vector<at::Tensor> features{input};
    for (auto &layer : m_layers)
        features.push_back(layer->forward(torch::cat(features, 1)));
    return torch::cat(features, 1);
}

} // namespace bcos::core
