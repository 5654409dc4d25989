#pragma once

#include "core/nn/bcossettings.h"
#include "core/nn/bcoslinear.h"
#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

namespace bcos::core {

/// CLIP's attention pooling (CLIP/clip/model.py AttentionPool2d) and its B-cosified, unpooled form
/// (bcos/modules/bcosattnpool.py BcosAttentionPool2d with attn_unpool=True).
/// Standard: [N, C, h, w] -> tokens (HW+1) with the mean first, + positional_embedding, one multi-head query
/// (the mean) over all tokens -> c_proj -> [N, D]. Keys positional_embedding, {k,q,v,c}_proj.{weight,bias}.
/// B-cos (settings.enabled): no positional embedding, no k/q; per location v_proj (plain Linear, bias only
/// when keepBiases) -> c_proj (BcosLinear) -> x / ||x|| with the norm detached in explanation mode:
/// [N, C, h, w] -> unit tokens [h*w, N, D] (the reference's layout, location l = y * w + x).
class BcosAttentionPool2dImpl : public torch::nn::Module, public Detachable {
public:
    BcosAttentionPool2dImpl(int64_t spatialDim, int64_t embedDim, int64_t heads, int64_t outputDim,
                            const BcosSettings &settings);
    at::Tensor forward(const at::Tensor &input);

private:
    at::Tensor pooled(const at::Tensor &tokens);

    int64_t m_heads;
    bool m_bcos;
    at::Tensor m_positionalEmbedding;
    torch::nn::Linear m_kProj{nullptr};
    torch::nn::Linear m_qProj{nullptr};
    torch::nn::Linear m_vProj{nullptr};
    torch::nn::Linear m_cProj{nullptr};
    BcosLinear m_cProjBcos{nullptr};
};
TORCH_MODULE(BcosAttentionPool2d);

} // namespace bcos::core
