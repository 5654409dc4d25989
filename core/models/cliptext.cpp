#include "cliptext.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace bcos::core {

namespace {

int64_t positiveInt(const nlohmann::json &json, const char *field, int64_t fallback)
{
    const auto found = json.find(field);
    if (found == json.end())
        return fallback;
    if (!found->is_number_integer() || found->get<int64_t>() <= 0)
        fail(ErrorCode::Format, "clip text architecture: field '{}' must be a positive integer, got {}", field,
             found->dump());
    return found->get<int64_t>();
}

/// LayerNorm parameters registered as <name>.weight / <name>.bias.
std::pair<at::Tensor, at::Tensor> layerNorm(torch::nn::Module &parent, const std::string &name, int64_t width)
{
    auto holder = parent.register_module(name, std::make_shared<torch::nn::Module>());
    // register_parameter returns a reference into the module's parameter table, which the next registration
    // may reallocate: copy each handle before registering the next one.
    at::Tensor weight = holder->register_parameter("weight", torch::ones({width}));
    at::Tensor bias = holder->register_parameter("bias", torch::zeros({width}));
    return {weight, bias};
}

} // namespace

ClipTextOptions ClipTextOptions::preset(const std::string &name)
{
    if (name != "RN50")
        fail(ErrorCode::InvalidArgument, "unknown CLIP text preset '{}' (expected RN50)", name);
    return ClipTextOptions{};
}

ClipTextOptions ClipTextOptions::fromJson(const nlohmann::json &text)
{
    if (!text.is_object())
        fail(ErrorCode::Format, "clip text architecture must be a JSON object, got {}", text.dump());
    ClipTextOptions o;
    o.contextLength = positiveInt(text, "context_length", o.contextLength);
    o.vocabSize = positiveInt(text, "vocab_size", o.vocabSize);
    o.width = positiveInt(text, "transformer_width", o.width);
    o.heads = positiveInt(text, "transformer_heads", o.heads);
    o.layers = positiveInt(text, "transformer_layers", o.layers);
    o.embedDim = positiveInt(text, "embed_dim", o.embedDim);
    if (o.width % o.heads != 0)
        fail(ErrorCode::Format, "clip text architecture: 'transformer_width' ({}) must be divisible by "
             "'transformer_heads' ({})", o.width, o.heads);
    return o;
}

nlohmann::json ClipTextOptions::toJson() const
{
    return {{"context_length", contextLength}, {"vocab_size", vocabSize}, {"transformer_width", width},
            {"transformer_heads", heads},      {"transformer_layers", layers}, {"embed_dim", embedDim}};
}

/// x + attn(ln_1(x)) with the causal mask, then x + mlp(ln_2(x)), mlp = c_fc -> QuickGELU -> c_proj.
/// Sequence-first [L, N, E] like the reference's nn.MultiheadAttention.
class ClipResidualBlockImpl : public torch::nn::Module {
public:
    ClipResidualBlockImpl(int64_t width, int64_t heads)
        : m_heads(heads)
    {
        auto attn = register_module("attn", std::make_shared<torch::nn::Module>());
        m_inProjWeight = attn->register_parameter("in_proj_weight", torch::empty({3 * width, width}));
        m_inProjBias = attn->register_parameter("in_proj_bias", torch::zeros({3 * width}));
        m_outProj = attn->register_module("out_proj", torch::nn::Linear(width, width));
        m_ln1 = layerNorm(*this, "ln_1", width);
        auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
        m_cFc = mlp->register_module("c_fc", torch::nn::Linear(width, 4 * width));
        m_cProj = mlp->register_module("c_proj", torch::nn::Linear(4 * width, width));
        m_ln2 = layerNorm(*this, "ln_2", width);
        torch::nn::init::normal_(m_inProjWeight, 0, std::pow(double(width), -0.5));
    }

    at::Tensor forward(const at::Tensor &x, const at::Tensor &mask)
    {
        const int64_t e = x.size(2);
        at::Tensor h = torch::layer_norm(x, {e}, m_ln1.first, m_ln1.second);
        const at::Tensor y = x + attention(h, mask);
        h = torch::layer_norm(y, {e}, m_ln2.first, m_ln2.second);
        h = m_cFc->forward(h);
        h = h * torch::sigmoid(1.702 * h); // QuickGELU
        return y + m_cProj->forward(h);
    }

private:
    at::Tensor attention(const at::Tensor &x, const at::Tensor &mask)
    {
        const int64_t length = x.size(0), n = x.size(1), e = x.size(2), d = e / m_heads;
        const auto qkv = torch::linear(x, m_inProjWeight, m_inProjBias).chunk(3, -1);
        const auto heads = [&](const at::Tensor &t) { return t.reshape({length, n * m_heads, d}).transpose(0, 1); };
        const at::Tensor scores = torch::baddbmm(mask, heads(qkv[0]) * std::pow(double(d), -0.5), heads(qkv[1]).transpose(1, 2));
        const at::Tensor out = torch::bmm(torch::softmax(scores, -1), heads(qkv[2]));
        return m_outProj->forward(out.transpose(0, 1).reshape({length, n, e}));
    }

    int64_t m_heads;
    at::Tensor m_inProjWeight, m_inProjBias;
    torch::nn::Linear m_outProj{nullptr}, m_cFc{nullptr}, m_cProj{nullptr};
    std::pair<at::Tensor, at::Tensor> m_ln1, m_ln2;
};

ClipTextTransformerImpl::ClipTextTransformerImpl(const ClipTextOptions &options)
    : m_options(options)
{
    m_tokenEmbedding = register_module("token_embedding", torch::nn::Embedding(options.vocabSize, options.width));
    m_positionalEmbedding = register_parameter("positional_embedding", torch::zeros({options.contextLength, options.width}));
    auto transformer = register_module("transformer", std::make_shared<torch::nn::Module>());
    auto resblocks = transformer->register_module("resblocks", std::make_shared<torch::nn::Module>());
    for (int64_t i = 0; i < options.layers; ++i)
        m_blocks.push_back(resblocks->register_module(std::to_string(i),
                                                      std::make_shared<ClipResidualBlockImpl>(options.width, options.heads)));
    std::tie(m_lnFinalWeight, m_lnFinalBias) = layerNorm(*this, "ln_final", options.width);
    m_textProjection = register_parameter("text_projection", torch::randn({options.width, options.embedDim})
                                                                 * std::pow(double(options.width), -0.5));
    // Additive causal mask: -inf above the diagonal (CLIP.build_attention_mask).
    m_causalMask = torch::full({options.contextLength, options.contextLength}, -std::numeric_limits<float>::infinity())
                       .triu(1);
}

at::Tensor ClipTextTransformerImpl::tokenFeatures(const at::Tensor &tokens)
{
    if (tokens.dim() != 2 || tokens.size(1) != m_options.contextLength || tokens.scalar_type() != at::kLong)
        fail(ErrorCode::InvalidArgument, "CLIP text encoder expects int64 tokens [N, {}], got {} {}",
             m_options.contextLength, std::string(c10::toString(tokens.scalar_type())), shapeString(tokens.sizes()));
    if (tokens.numel() > 0 && (tokens.min().item<int64_t>() < 0 || tokens.max().item<int64_t>() >= m_options.vocabSize))
        fail(ErrorCode::InvalidArgument, "CLIP text encoder: token ids must lie in [0, {})", m_options.vocabSize);
    at::Tensor x = m_tokenEmbedding->forward(tokens) + m_positionalEmbedding; // [N, L, E]
    x = x.permute({1, 0, 2});
    const at::Tensor mask = m_causalMask.to(x.options());
    for (auto &block : m_blocks)
        x = block->forward(x, mask);
    x = x.permute({1, 0, 2});
    return torch::layer_norm(x, {m_options.width}, m_lnFinalWeight, m_lnFinalBias);
}

at::Tensor ClipTextTransformerImpl::forward(const at::Tensor &tokens)
{
    const at::Tensor features = tokenFeatures(tokens);
    const at::Tensor eot = tokens.argmax(-1); // EOT (49407) is the largest id in each sequence
    const at::Tensor pooled = features.index({torch::arange(tokens.size(0), eot.options()), eot});
    return torch::matmul(pooled, m_textProjection);
}

} // namespace bcos::core
