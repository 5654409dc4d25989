#include "bcosattentionpool.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos::core {

BcosAttentionPool2dImpl::BcosAttentionPool2dImpl(int64_t spatialDim, int64_t embedDim, int64_t heads, int64_t outputDim,
                                                 const BcosSettings &settings)
    : m_heads(heads)
    , m_bcos(settings.enabled)
{
    using torch::nn::Linear;
    using torch::nn::LinearOptions;
    if (!m_bcos) {
        m_positionalEmbedding = register_parameter("positional_embedding",
                                                   torch::randn({spatialDim * spatialDim + 1, embedDim}) / std::sqrt(double(embedDim)));
        m_kProj = register_module("k_proj", Linear(LinearOptions(embedDim, embedDim)));
        m_qProj = register_module("q_proj", Linear(LinearOptions(embedDim, embedDim)));
        m_vProj = register_module("v_proj", Linear(LinearOptions(embedDim, embedDim)));
        m_cProj = register_module("c_proj", Linear(LinearOptions(embedDim, outputDim)));
        return;
    }
    // The conversion skips k/q/v_proj (v_proj stays a plain Linear); only c_proj becomes B-cos.
    m_vProj = register_module("v_proj", Linear(LinearOptions(embedDim, embedDim).bias(settings.keepBiases)));
    BcosLinearOptions c;
    c.inFeatures = embedDim;
    c.outFeatures = outputDim;
    c.bias = settings.keepBiases;
    c.b = settings.b;
    c.maxOut = settings.maxOut;
    c.learnB = settings.learnB;
    m_cProjBcos = register_module("c_proj", BcosLinear(c));
}

at::Tensor BcosAttentionPool2dImpl::pooled(const at::Tensor &tokens)
{
    // tokens [L, N, E] (mean first): one query per image, F.multi_head_attention_forward with separate projections.
    const int64_t n = tokens.size(1), e = tokens.size(2), d = e / m_heads;
    const at::Tensor q = m_qProj->forward(tokens.slice(0, 0, 1)) * std::pow(double(d), -0.5);
    const at::Tensor k = m_kProj->forward(tokens);
    const at::Tensor v = m_vProj->forward(tokens);
    const auto heads = [&](const at::Tensor &t) { return t.reshape({t.size(0), n * m_heads, d}).transpose(0, 1); };
    const at::Tensor weights = torch::softmax(torch::bmm(heads(q), heads(k).transpose(1, 2)), -1); // [N*h, 1, L]
    const at::Tensor out = torch::bmm(weights, heads(v)).transpose(0, 1).reshape({1, n, e});
    return m_cProj->forward(out).squeeze(0);
}

at::Tensor BcosAttentionPool2dImpl::forward(const at::Tensor &input)
{
    if (input.dim() != 4)
        fail(ErrorCode::InvalidArgument, "attention pool expects [N, C, h, w], got {}", shapeString(input.sizes()));
    at::Tensor x = input.flatten(2).permute({2, 0, 1}); // NCHW -> (HW)NC
    if (!m_bcos) {
        if (x.size(0) + 1 != m_positionalEmbedding.size(0))
            fail(ErrorCode::InvalidArgument, "CLIP attention pool: {} locations, but the positional embedding has {} "
                 "(input resolution differs from the model's)", x.size(0), m_positionalEmbedding.size(0) - 1);
        x = torch::cat({x.mean(0, true), x}, 0) + m_positionalEmbedding.unsqueeze(1).to(x.dtype());
        return pooled(x);
    }
    x = m_cProjBcos->forward(m_vProj->forward(x));
    at::Tensor norm = x.norm(2, -1, true);
    if (detach())
        norm = norm.detach();
    return x / norm;
}

} // namespace bcos::core
