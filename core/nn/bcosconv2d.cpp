#include "bcosconv2d.h"

#include "core/nn/bcosscale.h"

#include <torch/nn/functional/pooling.h>
#include <torch/torch.h>

namespace bcos::core {

namespace F = torch::nn::functional;

BcosConv2dImpl::BcosConv2dImpl(const BcosConv2dOptions &options)
    : m_options(options)
{
    TORCH_CHECK(options.maxOut > 0, "BcosConv2d: maxOut must be positive");
    linear = register_module(
        "linear", torch::nn::Conv2d(torch::nn::Conv2dOptions(options.inChannels, options.outChannels * options.maxOut,
                                                             options.kernelSize)
                                        .stride(options.stride)
                                        .padding(options.padding)
                                        .dilation(options.dilation)
                                        .groups(options.groups)
                                        .bias(options.bias)));
    if (options.learnB)
        m_b = register_parameter("b", torch::full({}, options.b));
}

double BcosConv2dImpl::b() const { return m_b.defined() ? m_b.item<double>() : m_options.b; }

at::Tensor BcosConv2dImpl::patchNorms(const at::Tensor &input) const
{
    const auto &o = m_options;
    at::Tensor squares = normPrecision(input).square(); // fp32 for bf16 activations
    // Sum of squares over each group's input channels, then over the k x k window (avg-pool with divisor 1).
    squares = o.groups == 1 ? squares.sum(1, true) : squares.unflatten(1, {o.groups, o.inChannels / o.groups}).sum(2);
    at::Tensor norms;
    if (o.kernelSize == 1 && o.padding == 0) {
        // A 1 x 1 window: the norm is the per-pixel channel norm (the Bottleneck's 1 x 1 convolutions), no pooling.
        norms = o.stride == 1 ? squares : squares.slice(2, 0, c10::nullopt, o.stride).slice(3, 0, c10::nullopt, o.stride);
    } else if (o.dilation == 1) {
        norms = F::avg_pool2d(squares, F::AvgPool2dFuncOptions(o.kernelSize).stride(o.stride).padding(o.padding).divisor_override(1));
    } else {
        const auto ones = torch::ones({squares.size(1), 1, o.kernelSize, o.kernelSize}, squares.options());
        norms = torch::conv2d(squares, ones, {}, o.stride, o.padding, o.dilation, squares.size(1));
    }
    norms = (norms + 1e-6).sqrt();
    if (o.groups > 1)
        norms = norms.repeat_interleave(o.outChannels / o.groups, 1);
    return norms;
}

at::Tensor BcosConv2dImpl::forward(const at::Tensor &input)
{
    at::Tensor out;
    if (m_options.unitNorm) {
        const at::Tensor &w = linear->weight;
        const at::Tensor unit = w / w.flatten(1).norm(2, 1).view({-1, 1, 1, 1});
        out = torch::conv2d(input, unit, linear->bias, m_options.stride, m_options.padding, m_options.dilation,
                            m_options.groups);
    } else {
        out = linear->forward(input);
    }
    if (m_options.maxOut > 1)
        out = std::get<0>(out.unflatten(1, {m_options.outChannels, m_options.maxOut}).max(2));
    if (!m_b.defined() && m_options.b == 1.0)
        return out;
    return applyBcosScale(out, patchNorms(input), m_options.b, m_b, detach());
}

} // namespace bcos::core
