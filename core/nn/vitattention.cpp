#include "vitattention.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos::core {

VitAttentionImpl::VitAttentionImpl(int64_t dim, int64_t heads, int64_t dimHead, const BcosSettings &settings)
    : m_heads(heads)
    , m_dimHead(dimHead)
{
    DetachableLayerNormOptions norm;
    norm.normalizedSize = dim;
    norm.bias = !settings.enabled || settings.keepBiases;
    m_norm = register_module("norm", DetachableLayerNorm(norm));
    m_toQkv = register_module("to_qkv", torch::nn::Linear(torch::nn::LinearOptions(dim, 3 * heads * dimHead).bias(false)));
    m_toOut = SwitchableLinear(*this, "to_out", heads * dimHead, dim, /*bias=*/false, settings);
}

at::Tensor VitAttentionImpl::forward(const at::Tensor &input)
{
    const at::Tensor x = m_norm->forward(input);
    const int64_t n = x.size(0);
    const int64_t length = x.size(1);
    // [N, L, 3*h*d] -> 3 x [N, h, L, d]  ("b n (h d) -> b h n d")
    auto qkv = m_toQkv->forward(x).view({n, length, 3, m_heads, m_dimHead}).permute({2, 0, 3, 1, 4});
    at::Tensor q = qkv[0];
    at::Tensor k = qkv[1];
    const at::Tensor v = qkv[2];
    if (detach()) {
        q = q.detach();
        k = k.detach();
    }
    const at::Tensor attention = torch::softmax(torch::matmul(q, k.transpose(-1, -2)) * std::pow(double(m_dimHead), -0.5), -1);
    const at::Tensor out = torch::matmul(attention, v).permute({0, 2, 1, 3}).reshape({n, length, m_heads * m_dimHead});
    return m_toOut(out);
}

} // namespace bcos::core
