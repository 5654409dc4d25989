#include "bcoslinear.h"

#include "core/nn/bcosscale.h"

#include <torch/torch.h>

namespace bcos::core {

BcosLinearImpl::BcosLinearImpl(const BcosLinearOptions &options)
    : m_options(options)
{
    TORCH_CHECK(options.maxOut > 0, "BcosLinear: maxOut must be positive");
    linear = register_module("linear", torch::nn::Linear(torch::nn::LinearOptions(options.inFeatures,
                                                                                   options.outFeatures * options.maxOut)
                                                             .bias(options.bias)));
    if (options.learnB)
        m_b = register_parameter("b", torch::full({}, options.b));
}

at::Tensor BcosLinearImpl::forward(const at::Tensor &input)
{
    at::Tensor out = m_options.unitNorm
        ? torch::linear(input, linear->weight / linear->weight.norm(2, 1, true), linear->bias)
        : linear->forward(input);
    if (m_options.maxOut > 1)
        out = std::get<0>(out.unflatten(-1, {m_options.outFeatures, m_options.maxOut}).max(-1));
    if (!m_b.defined() && m_options.b == 1.0)
        return out;
    return applyBcosScale(out, normPrecision(input).norm(2, -1, true) + 1e-12, m_options.b, m_b, detach());
}

} // namespace bcos::core
