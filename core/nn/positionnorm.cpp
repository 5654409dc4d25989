#include "positionnorm.h"

#include <torch/torch.h>

namespace bcos::core {

DetachablePositionNorm2dImpl::DetachablePositionNorm2dImpl(const DetachablePositionNorm2dOptions &options)
    : m_options(options)
{
    weight = register_parameter("weight", torch::ones({options.numFeatures}));
    if (options.bias)
        bias = register_parameter("bias", torch::zeros({options.numFeatures}));
}

at::Tensor DetachablePositionNorm2dImpl::forward(const at::Tensor &input)
{
    TORCH_CHECK(input.dim() == 4, "DetachablePositionNorm2d expects [N, C, H, W] input, got ", input.sizes());
    auto [var, mean] = torch::var_mean(input, {1}, /*unbiased=*/false, /*keepdim=*/true);
    if (detach())
        var = var.detach(); // B-cos-v2 centered_norms: only the scale is a constant in explanation mode
    at::Tensor out = (input - mean) / (var + m_options.eps).sqrt() * weight.view({1, -1, 1, 1});
    if (bias.defined())
        out = out + bias.view({1, -1, 1, 1});
    return out;
}

} // namespace bcos::core
