#pragma once

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/pimpl.h>

#include <string>
#include <vector>

namespace bcos::core {

/// Text-tower arguments of CLIP (CLIP/clip/model.py `CLIP.__init__`), reference names in JSON:
/// {"context_length", "vocab_size", "transformer_width", "transformer_heads", "transformer_layers", "embed_dim"}.
struct ClipTextOptions {
    int64_t contextLength = 77;
    int64_t vocabSize = 49408;
    int64_t width = 512;
    int64_t heads = 8;
    int64_t layers = 12;
    int64_t embedDim = 1024;

    /// Throws Error{Format} naming the field.
    static ClipTextOptions fromJson(const nlohmann::json &text);
    /// "RN50": OpenAI RN50's text tower (width 512, 8 heads, 12 layers, embedding 1024).
    static ClipTextOptions preset(const std::string &name);
    nlohmann::json toJson() const;
};

class ClipResidualBlockImpl;

/// CLIP's text encoder: token_embedding + positional_embedding -> pre-norm residual attention blocks with a
/// causal mask (transformer.resblocks.i.{attn.in_proj_weight, attn.in_proj_bias, attn.out_proj, ln_1, mlp.c_fc,
/// mlp.c_proj, ln_2}, QuickGELU) -> ln_final -> the EOT token's feature (the position of the largest token id)
/// @ text_projection. Tokens [N, context] int64 -> text embeddings [N, embedDim] (not normalised).
/// Throws Error{InvalidArgument} for a wrong token shape or ids outside the vocabulary.
class ClipTextTransformerImpl : public torch::nn::Module {
public:
    explicit ClipTextTransformerImpl(const ClipTextOptions &options);
    at::Tensor forward(const at::Tensor &tokens);
    /// Per-position features after ln_final, [N, context, width] (before EOT pooling and projection).
    at::Tensor tokenFeatures(const at::Tensor &tokens);
    const ClipTextOptions &options() const { return m_options; }

private:
    ClipTextOptions m_options;
    torch::nn::Embedding m_tokenEmbedding{nullptr};
    at::Tensor m_positionalEmbedding;
    std::vector<std::shared_ptr<ClipResidualBlockImpl>> m_blocks;
    at::Tensor m_lnFinalWeight;
    at::Tensor m_lnFinalBias;
    at::Tensor m_textProjection;
    at::Tensor m_causalMask;
};
TORCH_MODULE(ClipTextTransformer);

} // namespace bcos::core
