#include "resnetblock.h"

#include "core/nn/activations.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

torch::nn::AnyModule registerAny(torch::nn::Module &owner, const std::string &name, torch::nn::AnyModule module)
{
    owner.register_module(name, module.ptr());
    return module;
}

} // namespace

ResNetBlockImpl::ResNetBlockImpl(const ResNetBlockSpec &spec, const LayerFactory &layers)
    : m_bottleneck(spec.bottleneck)
{
    const int64_t outPlanes = spec.planes * ResNetBlockSpec::expansion(spec.bottleneck);
    auto conv = [&](int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups, int64_t dilation) {
        ConvSpec c;
        c.inChannels = in;
        c.outChannels = out;
        c.kernelSize = kernel;
        c.stride = stride;
        c.groups = groups;
        c.dilation = dilation;
        c.padding = kernel == 3 ? dilation : 0;
        return layers.conv(c);
    };
    if (!spec.bottleneck) {
        // BasicBlock: conv3x3(stride) -> bn -> relu -> conv3x3 -> bn
        m_conv1 = registerAny(*this, "conv1", conv(spec.inplanes, spec.planes, 3, spec.stride, 1, 1));
        m_bn1 = registerAny(*this, "bn1", layers.norm(spec.planes));
        m_conv2 = registerAny(*this, "conv2", conv(spec.planes, spec.planes, 3, 1, 1, 1));
        m_bn2 = registerAny(*this, "bn2", layers.norm(spec.planes));
    } else {
        // Bottleneck (torchvision v1.5: the stride sits on the 3x3 conv)
        const int64_t width = spec.planes * spec.baseWidth / 64 * spec.groups;
        m_conv1 = registerAny(*this, "conv1", conv(spec.inplanes, width, 1, 1, 1, 1));
        m_bn1 = registerAny(*this, "bn1", layers.norm(width));
        m_conv2 = registerAny(*this, "conv2", conv(width, width, 3, spec.stride, spec.groups, spec.dilation));
        m_bn2 = registerAny(*this, "bn2", layers.norm(width));
        m_conv3 = registerAny(*this, "conv3", conv(width, outPlanes, 1, 1, 1, 1));
        m_bn3 = registerAny(*this, "bn3", layers.norm(outPlanes));
    }
    if (spec.downsample) {
        m_downsample = torch::nn::Sequential();
        m_downsample->push_back(conv(spec.inplanes, outPlanes, 1, spec.stride, 1, 1));
        m_downsample->push_back(layers.norm(outPlanes));
        register_module("downsample", m_downsample);
    }
}

at::Tensor ResNetBlockImpl::forward(const at::Tensor &input)
{
    at::Tensor out = core::relu(m_bn1.forward(m_conv1.forward(input)));
    out = m_bn2.forward(m_conv2.forward(out));
    if (m_bottleneck)
        out = m_bn3.forward(m_conv3.forward(core::relu(out)));
    const at::Tensor identity = m_downsample ? m_downsample->forward(input) : input;
    return core::relu(out + identity);
}

} // namespace bcos::core
