#include "detachablelayernorm.h"

#include <torch/torch.h>

namespace bcos::core {

DetachableLayerNormImpl::DetachableLayerNormImpl(const DetachableLayerNormOptions &options)
    : m_options(options)
{
    weight = register_parameter("weight", torch::ones({options.normalizedSize}));
    if (options.bias)
        bias = register_parameter("bias", torch::zeros({options.normalizedSize}));
}

at::Tensor DetachableLayerNormImpl::forward(const at::Tensor &input)
{
    if (!detach())
        return torch::layer_norm(input, {m_options.normalizedSize}, weight, bias, m_options.eps);
    // Explanation mode: population variance detached, mean kept (B-cos v2, DetachableLayerNorm).
    auto [var, mean] = torch::var_mean(input, {-1}, /*unbiased=*/false, /*keepdim=*/true);
    const at::Tensor std = (var.detach() + m_options.eps).sqrt();
    at::Tensor out = (input - mean) / std * weight;
    if (bias.defined())
        out = out + bias;
    return out;
}

} // namespace bcos::core
