#pragma once

#include "core/models/modeldescription.h"
#include "core/nn/bcosconv2d.h"

#include <torch/nn/modules/container/any.h>

namespace bcos::core {

/// A convolution as the original (torchvision) code declares it. Only the shape fields and `bias` (the
/// standard layer's bias) are read; B, maxOut and learnB come from the factory's BcosSettings.
using ConvSpec = BcosConv2dOptions;

/// Builds the layers of one architecture description in either mode, so that a CNN is written once:
/// standard mode gives the torchvision layers (Conv2d, BatchNorm2d, MaxPool2d, Linear after pooling),
/// B-cos mode gives what the reference's BcosifyNetwork + experiment changes produce (BcosConv2d with its
/// weight under "linear", BatchNormUncentered2d, AvgPool2d(3, 2, 1) for the stem max-pool, the classifier as
/// a 1x1 BcosConv2d applied before global average pooling). Biases of B-cos layers exist only with keepBiases.
class LayerFactory {
public:
    explicit LayerFactory(BcosSettings settings);

    bool bcos() const { return m_settings.enabled; }
    const BcosSettings &settings() const { return m_settings; }

    /// Conv2d / BcosConv2d: [N, in, H, W] -> [N, out, H', W'].
    torch::nn::AnyModule conv(const ConvSpec &spec) const;
    /// The first convolution: 3 input channels, 6 in B-cos mode ([x, 1-x] input).
    torch::nn::AnyModule inputConv(ConvSpec spec) const;
    /// BatchNorm2d / BatchNormUncentered2d over `features` channels.
    torch::nn::AnyModule norm(int64_t features) const;
    /// The stem's MaxPool2d(3, 2, 1), or AvgPool2d(3, 2, 1) in B-cos mode unless keepMaxPool.
    torch::nn::AnyModule stemPool() const;
    /// Standard: Linear(in, classes) on pooled features [N, in] -> [N, classes].
    /// B-cos: 1x1 BcosConv2d on feature maps [N, in, h, w] -> [N, classes, h, w] (pool afterwards).
    torch::nn::AnyModule classifier(int64_t inFeatures, int64_t classes) const;
    /// A parameter-free module applying core::relu (so it takes a place in a renumbered Sequential).
    torch::nn::AnyModule relu() const;

    /// Applies a classifier() module as forward() does: standard GAP -> Linear, B-cos conv -> GAP.
    /// [N, in, h, w] -> [N, classes].
    at::Tensor applyClassifier(torch::nn::AnyModule &classifier, const at::Tensor &features) const;

private:
    BcosSettings m_settings;
};

} // namespace bcos::core
