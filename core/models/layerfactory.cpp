#include "layerfactory.h"

#include "core/nn/activations.h"
#include "core/nn/batchnormuncentered.h"

#include <torch/torch.h>

namespace bcos::core {

LayerFactory::LayerFactory(BcosSettings settings)
    : m_settings(std::move(settings))
{
}

torch::nn::AnyModule LayerFactory::conv(const ConvSpec &spec) const
{
    if (!bcos()) {
        return torch::nn::AnyModule(torch::nn::Conv2d(torch::nn::Conv2dOptions(spec.inChannels, spec.outChannels,
                                                                                spec.kernelSize)
                                                          .stride(spec.stride)
                                                          .padding(spec.padding)
                                                          .dilation(spec.dilation)
                                                          .groups(spec.groups)
                                                          .bias(spec.bias)));
    }
    BcosConv2dOptions options = spec;
    options.bias = spec.bias && m_settings.keepBiases;
    options.b = m_settings.b;
    options.maxOut = m_settings.maxOut;
    options.learnB = m_settings.learnB;
    return torch::nn::AnyModule(BcosConv2d(options));
}

torch::nn::AnyModule LayerFactory::inputConv(ConvSpec spec) const
{
    spec.inChannels = bcos() ? 6 : 3;
    return conv(spec);
}

torch::nn::AnyModule LayerFactory::norm(int64_t features) const
{
    if (!bcos())
        return torch::nn::AnyModule(torch::nn::BatchNorm2d(features));
    BatchNormUncentered2dOptions options;
    options.numFeatures = features;
    options.bias = m_settings.keepBiases;
    return torch::nn::AnyModule(BatchNormUncentered2d(options));
}

torch::nn::AnyModule LayerFactory::stemPool() const
{
    // The B-cosification experiments replace max-pooling by AvgPool2d(3, 2, 1) (count_include_pad=True).
    if (!bcos() || m_settings.keepMaxPool)
        return torch::nn::AnyModule(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2).padding(1)));
    return torch::nn::AnyModule(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(3).stride(2).padding(1)));
}

torch::nn::AnyModule LayerFactory::classifier(int64_t inFeatures, int64_t classes) const
{
    if (!bcos())
        return torch::nn::AnyModule(torch::nn::Linear(inFeatures, classes));
    ConvSpec spec;
    spec.inChannels = inFeatures;
    spec.outChannels = classes;
    spec.bias = true; // the Linear had a bias; conv() keeps it only with keepBiases
    return conv(spec);
}

torch::nn::AnyModule LayerFactory::relu() const
{
    return torch::nn::AnyModule(torch::nn::Functional([](const at::Tensor &x) { return core::relu(x); }));
}

at::Tensor LayerFactory::applyClassifier(torch::nn::AnyModule &classifier, const at::Tensor &features) const
{
    if (!bcos())
        return classifier.forward(torch::adaptive_avg_pool2d(features, {1, 1}).flatten(1));
    // B-cos: the classifier acts per location before global average pooling (reference ResNetBcos/DenseNetBcos).
    return torch::adaptive_avg_pool2d(classifier.forward(features), {1, 1}).flatten(1);
}

} // namespace bcos::core
