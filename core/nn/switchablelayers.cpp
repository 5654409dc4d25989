#include "switchablelayers.h"

#include <torch/torch.h>

namespace bcos::core {

SwitchableLinear::SwitchableLinear(torch::nn::Module &parent, const std::string &name, int64_t in, int64_t out,
                                   bool bias, const BcosSettings &settings)
{
    if (!settings.enabled) {
        m_plain = parent.register_module(name, torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias)));
        return;
    }
    BcosLinearOptions options;
    options.inFeatures = in;
    options.outFeatures = out;
    options.bias = bias && settings.keepBiases;
    options.b = settings.b;
    options.maxOut = settings.maxOut;
    options.learnB = settings.learnB;
    options.unitNorm = settings.normedWeights;
    m_bcos = parent.register_module(name, BcosLinear(options));
}

at::Tensor SwitchableLinear::operator()(const at::Tensor &input) const
{
    // Holders are shared handles; a copy gives non-const access to the module (forward() is not const).
    auto plain = m_plain;
    auto bcos = m_bcos;
    return bcos.is_empty() ? plain->forward(input) : bcos->forward(input);
}

SwitchableConv2d::SwitchableConv2d(torch::nn::Module &parent, const std::string &name, BcosConv2dOptions options,
                                   const BcosSettings &settings)
{
    if (settings.enabled) {
        options.bias = options.bias && settings.keepBiases;
        options.b = settings.b;
        options.maxOut = settings.maxOut;
        options.learnB = settings.learnB;
        options.unitNorm = settings.normedWeights;
        m_bcos = parent.register_module(name, BcosConv2d(options));
        return;
    }
    m_plain = parent.register_module(
        name, torch::nn::Conv2d(torch::nn::Conv2dOptions(options.inChannels, options.outChannels, options.kernelSize)
                                    .stride(options.stride)
                                    .padding(options.padding)
                                    .dilation(options.dilation)
                                    .groups(options.groups)
                                    .bias(options.bias)));
}

at::Tensor SwitchableConv2d::operator()(const at::Tensor &input) const
{
    // Holders are shared handles; a copy gives non-const access to the module (forward() is not const).
    auto plain = m_plain;
    auto bcos = m_bcos;
    return bcos.is_empty() ? plain->forward(input) : bcos->forward(input);
}

} // namespace bcos::core
