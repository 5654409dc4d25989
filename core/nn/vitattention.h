#pragma once

#include "core/nn/detachable.h"
#include "core/nn/detachablelayernorm.h"
#include "core/nn/switchablelayers.h"

#include <torch/nn/modules/linear.h>

namespace bcos::core {

/// Pre-norm multi-head self-attention of B-cos v2's SimpleViT (`Attention`): norm -> to_qkv (plain Linear, no
/// bias, never B-cosified) -> softmax(q k^T / sqrt(d)) v -> to_out (Linear or BcosLinear, no bias).
/// In explanation mode q and k are detached, so the attention weights act as constants and the layer is
/// dynamic linear in its input. Keys: norm.weight, [norm.bias], to_qkv.weight, to_out[.linear].weight.
/// Input [N, L, dim] -> [N, L, dim].
class VitAttentionImpl : public torch::nn::Module, public Detachable {
public:
    VitAttentionImpl(int64_t dim, int64_t heads, int64_t dimHead, const BcosSettings &settings);
    at::Tensor forward(const at::Tensor &input);

private:
    int64_t m_heads;
    int64_t m_dimHead;
    DetachableLayerNorm m_norm{nullptr};
    torch::nn::Linear m_toQkv{nullptr};
    SwitchableLinear m_toOut;
};
TORCH_MODULE(VitAttention);

} // namespace bcos::core
