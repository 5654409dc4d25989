#include "detachablegroupnorm.h"

#include <torch/torch.h>

namespace bcos::core {

DetachableGroupNorm2dImpl::DetachableGroupNorm2dImpl(const DetachableGroupNorm2dOptions &options)
    : m_options(options)
{
    TORCH_CHECK(options.numGroups > 0 && options.numChannels % options.numGroups == 0,
                "DetachableGroupNorm2d: channels must be divisible by groups");
    weight = register_parameter("weight", torch::ones({options.numChannels}));
    if (options.bias)
        bias = register_parameter("bias", torch::zeros({options.numChannels}));
}

at::Tensor DetachableGroupNorm2dImpl::forward(const at::Tensor &input)
{
    TORCH_CHECK(input.dim() == 4, "DetachableGroupNorm2d expects [N, C, H, W] input, got ", input.sizes());
    if (!detach())
        return torch::group_norm(input, m_options.numGroups, weight, bias, m_options.eps);
    const int64_t n = input.size(0);
    const at::Tensor grouped = input.reshape({n, m_options.numGroups, -1});
    auto [var, mean] = torch::var_mean(grouped, {-1}, /*unbiased=*/false, /*keepdim=*/true);
    at::Tensor out = ((grouped - mean) / (var.detach() + m_options.eps).sqrt()).reshape(input.sizes());
    out = out * weight.view({1, -1, 1, 1});
    if (bias.defined())
        out = out + bias.view({1, -1, 1, 1});
    return out;
}

} // namespace bcos::core
