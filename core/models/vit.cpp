#include "vit.h"

#include "core/models/bcosifyvit.h"
#include "core/error.h"
#include "core/nn/vitattention.h"
#include "core/shape.h"

#include <fmt/ranges.h>
#include <torch/torch.h>

#include <map>

namespace bcos::core {

// ---------------------------------------------------------------------------------------------- options

namespace {

VitOptions simpleVit(int64_t dim, int64_t depth, int64_t heads, int64_t mlp)
{
    VitOptions o;
    o.imageHeight = o.imageWidth = 224;
    o.patchSize = 16;
    o.dim = dim;
    o.depth = depth;
    o.heads = heads;
    o.mlpDim = mlp;
    return o;
}

VitOptions vitc(int64_t dim, int64_t depth, int64_t heads, int64_t mlp, std::vector<int64_t> stem)
{
    VitOptions o = simpleVit(dim, depth, heads, mlp);
    o.imageHeight = o.imageWidth = 14; // token grid; the stem downsamples 224 by 16
    o.patchSize = 1;
    o.convStem = std::move(stem);
    return o;
}

// The reference entrypoints (bcos/models/vit.py); ViT-C removes one encoder to account for the stem.
const std::map<std::string, VitOptions> &presets()
{
    static const std::map<std::string, VitOptions> table{
        {"simple_vit_ti_patch16_224", simpleVit(192, 12, 3, 768)},
        {"simple_vit_s_patch16_224", simpleVit(384, 12, 6, 1536)},
        {"simple_vit_b_patch16_224", simpleVit(768, 12, 12, 3072)},
        {"simple_vit_l_patch16_224", simpleVit(1024, 14, 16, 4096)},
        {"vitc_ti_patch1_14", vitc(192, 11, 3, 768, {24, 48, 96, 192})},
        {"vitc_s_patch1_14", vitc(384, 11, 6, 1536, {48, 96, 192, 384})},
        {"vitc_b_patch1_14", vitc(768, 11, 12, 3072, {64, 128, 128, 256, 256, 512})},
        {"vitc_l_patch1_14", vitc(1024, 13, 16, 4096, {64, 128, 128, 256, 256, 512})},
    };
    return table;
}

std::string canonicalPresetName(const std::string &name)
{
    static const std::map<std::string, std::string> aliases{
        {"vit_tiny_patch16_224", "simple_vit_ti_patch16_224"}, {"vit_small_patch16_224", "simple_vit_s_patch16_224"},
        {"vit_base_patch16_224", "simple_vit_b_patch16_224"},  {"vit_large_patch16_224", "simple_vit_l_patch16_224"},
        {"vitc_tiny_patch1_14", "vitc_ti_patch1_14"},          {"vitc_small_patch1_14", "vitc_s_patch1_14"},
        {"vitc_base_patch1_14", "vitc_b_patch1_14"},           {"vitc_large_patch1_14", "vitc_l_patch1_14"},
    };
    const auto alias = aliases.find(name);
    return alias == aliases.end() ? name : alias->second;
}

int64_t positiveInt(const nlohmann::json &arch, const char *field, int64_t fallback)
{
    const auto found = arch.find(field);
    if (found == arch.end())
        return fallback;
    if (!found->is_number_integer() || found->get<int64_t>() <= 0)
        fail(ErrorCode::Format, "vit architecture: field '{}' must be a positive integer, got {}", field, found->dump());
    return found->get<int64_t>();
}

} // namespace

VitOptions VitOptions::preset(const std::string &name)
{
    const auto found = presets().find(canonicalPresetName(name));
    if (found == presets().end())
        fail(ErrorCode::InvalidArgument, "unknown ViT preset '{}' (expected one of: {})", name,
             fmt::join(presetNames(), ", "));
    return found->second;
}

std::vector<std::string> VitOptions::presetNames()
{
    std::vector<std::string> names;
    for (const auto &entry : presets())
        names.push_back(entry.first);
    return names;
}

VitOptions VitOptions::fromJson(const nlohmann::json &arch)
{
    if (!arch.is_object())
        fail(ErrorCode::Format, "vit architecture must be a JSON object, got {}", arch.dump());
    VitOptions o;
    if (const auto preset = arch.find("preset"); preset != arch.end()) {
        if (!preset->is_string())
            fail(ErrorCode::Format, "vit architecture: field 'preset' must be a string");
        o = VitOptions::preset(preset->get<std::string>());
    }
    const std::string variant = arch.value("variant", o.convStem.empty() ? "simple_vit" : "vitc");
    if (variant != "simple_vit" && variant != "vitc")
        fail(ErrorCode::Format, "vit architecture: field 'variant' must be \"simple_vit\" or \"vitc\", got \"{}\"", variant);
    if (const auto size = arch.find("image_size"); size != arch.end()) {
        if (size->is_number_integer()) {
            o.imageHeight = o.imageWidth = size->get<int64_t>();
        } else if (size->is_array() && size->size() == 2 && (*size)[0].is_number_integer() && (*size)[1].is_number_integer()) {
            o.imageHeight = (*size)[0].get<int64_t>();
            o.imageWidth = (*size)[1].get<int64_t>();
        } else {
            fail(ErrorCode::Format, "vit architecture: field 'image_size' must be an integer or [h, w], got {}", size->dump());
        }
    }
    o.patchSize = positiveInt(arch, "patch_size", o.patchSize);
    o.dim = positiveInt(arch, "dim", o.dim);
    o.depth = positiveInt(arch, "depth", o.depth);
    o.heads = positiveInt(arch, "heads", o.heads);
    o.mlpDim = positiveInt(arch, "mlp_dim", o.mlpDim);
    o.numClasses = positiveInt(arch, "num_classes", o.numClasses);
    o.channels = positiveInt(arch, "channels", o.channels);
    if (const auto stem = arch.find("conv_stem"); stem != arch.end() && !stem->is_null()) {
        if (!stem->is_array() || stem->empty())
            fail(ErrorCode::Format, "vit architecture: field 'conv_stem' must be a non-empty list of channel counts");
        o.convStem.clear();
        for (const auto &c : *stem) {
            if (!c.is_number_integer() || c.get<int64_t>() <= 0)
                fail(ErrorCode::Format, "vit architecture: field 'conv_stem' must hold positive integers, got {}", stem->dump());
            o.convStem.push_back(c.get<int64_t>());
        }
    }
    if (variant == "vitc" && o.convStem.empty())
        fail(ErrorCode::Format, "vit architecture: variant \"vitc\" needs a 'conv_stem'");
    if (variant == "simple_vit")
        o.convStem.clear();
    if (o.dim % 4 != 0)
        fail(ErrorCode::Format, "vit architecture: 'dim' must be a multiple of 4 for the sin-cos embedding, got {}", o.dim);
    if (o.dim % o.heads != 0)
        fail(ErrorCode::Format, "vit architecture: 'dim' ({}) must be divisible by 'heads' ({})", o.dim, o.heads);
    if (o.imageHeight % o.patchSize != 0 || o.imageWidth % o.patchSize != 0)
        fail(ErrorCode::Format, "vit architecture: 'image_size' {}x{} must be divisible by 'patch_size' {}",
             o.imageHeight, o.imageWidth, o.patchSize);
    return o;
}

nlohmann::json VitOptions::toJson() const
{
    nlohmann::json j{{"family", "vit"},
                     {"variant", convStem.empty() ? "simple_vit" : "vitc"},
                     {"image_size", {imageHeight, imageWidth}},
                     {"patch_size", patchSize},
                     {"dim", dim},
                     {"depth", depth},
                     {"heads", heads},
                     {"mlp_dim", mlpDim},
                     {"num_classes", numClasses},
                     {"channels", channels}};
    if (!convStem.empty())
        j["conv_stem"] = convStem;
    return j;
}

// ---------------------------------------------------------------------------------------------- encoder

VitEncoderImpl::VitEncoderImpl(int64_t dim, int64_t heads, int64_t mlpDim, const BcosSettings &settings, bool gelu)
{
    m_attn = register_module("attn", VitAttention(dim, heads, dim / heads, settings));
    auto ff = register_module("ff", std::make_shared<torch::nn::Module>());
    auto net = ff->register_module("net", std::make_shared<torch::nn::Module>());
    DetachableLayerNormOptions norm;
    norm.normalizedSize = dim;
    norm.bias = !settings.enabled || settings.keepBiases;
    m_norm = net->register_module("norm", DetachableLayerNorm(norm));
    m_linear1 = SwitchableLinear(*net, "linear1", dim, mlpDim, true, settings);
    if (gelu)
        m_act = net->register_module("act", DetachableGelu());
    m_linear2 = SwitchableLinear(*net, "linear2", mlpDim, dim, true, settings);
}

at::Tensor VitEncoderImpl::forward(const at::Tensor &input)
{
    const at::Tensor x = m_attn->forward(input) + input;
    at::Tensor hidden = m_linear1(m_norm->forward(x));
    if (!m_act.is_empty())
        hidden = m_act->forward(hidden);
    return m_linear2(hidden) + x;
}

// ---------------------------------------------------------------------------------------------- model

VitImpl::VitImpl(const VitOptions &options, const BcosSettings &settings)
    : m_options(options)
    , m_bcos(settings.enabled)
    , m_gapReorder(settings.enabled && settings.gapReorder)
{
    const bool normBias = !settings.enabled || settings.keepBiases;
    const int64_t inChannels = settings.enabled ? 2 * options.channels : options.channels;
    auto embedding = register_module("to_patch_embedding", std::make_shared<torch::nn::Module>());
    int64_t channels = inChannels;
    if (!options.convStem.empty()) {
        // Xiao et al. conv stem: 3x3 conv (stride 2 when the width grows) -> GN layer norm -> GELU.
        auto stem = embedding->register_module("conv_stem", std::make_shared<torch::nn::Module>());
        for (size_t i = 0; i < options.convStem.size(); ++i) {
            const int64_t out = options.convStem[i];
            BcosConv2dOptions conv;
            conv.inChannels = channels;
            conv.outChannels = out;
            conv.kernelSize = 3;
            conv.stride = out > (i == 0 ? options.channels : channels) ? 2 : 1;
            conv.padding = 1;
            conv.bias = true;
            StemStage stage;
            stage.conv = SwitchableConv2d(*stem, std::to_string(3 * i), conv, settings);
            DetachableGroupNorm2dOptions norm;
            norm.numGroups = 1;
            norm.numChannels = out;
            norm.bias = normBias;
            stage.norm = stem->register_module(std::to_string(3 * i + 1), DetachableGroupNorm2d(norm));
            stage.act = stem->register_module(std::to_string(3 * i + 2), DetachableGelu());
            m_stem.push_back(stage);
            channels = out;
        }
    }
    const int64_t patchDim = channels * options.patchSize * options.patchSize;
    m_patchLinear = SwitchableLinear(*embedding, "linear", patchDim, options.dim, true, settings);
    auto transformer = register_module("transformer", std::make_shared<torch::nn::Module>());
    for (int64_t i = 0; i < options.depth; ++i)
        m_encoders.push_back(
            transformer->register_module("encoder_" + std::to_string(i), std::make_shared<VitEncoderImpl>(options.dim, options.heads, options.mlpDim, settings)));
    auto head = register_module("linear_head", std::make_shared<torch::nn::Module>());
    DetachableLayerNormOptions norm;
    norm.normalizedSize = options.dim;
    norm.bias = normBias;
    m_headNorm = head->register_module("norm", DetachableLayerNorm(norm));
    m_headLinear = SwitchableLinear(*head, "linear", options.dim, options.numClasses, true, settings);
}

at::Tensor VitImpl::patchEmbedding(const at::Tensor &input)
{
    const int64_t expected = m_bcos ? 2 * m_options.channels : m_options.channels;
    if (input.dim() != 4 || input.size(1) != expected)
        fail(ErrorCode::InvalidArgument, "ViT expects input [N, {}, H, W], got {}", expected, shapeString(input.sizes()));
    at::Tensor x = input;
    for (auto &stage : m_stem)
        x = stage.act->forward(stage.norm->forward(stage.conv(x)));
    return m_patchLinear(vitPatchify(x, m_options.patchSize));
}

at::Tensor vitPatchify(const at::Tensor &x, int64_t p)
{
    if (x.size(2) % p != 0 || x.size(3) % p != 0)
        fail(ErrorCode::InvalidArgument, "ViT: feature map {}x{} is not divisible by the patch size {}", x.size(2),
             x.size(3), p);
    const int64_t n = x.size(0), c = x.size(1), h = x.size(2) / p, w = x.size(3) / p;
    // "b c (h p1) (w p2) -> b h w (p1 p2 c)"
    return x.reshape({n, c, h, p, w, p}).permute({0, 2, 4, 3, 5, 1}).reshape({n, h, w, p * p * c});
}

at::Tensor VitImpl::positionalEmbedding(int64_t h, int64_t w, const at::TensorOptions &options) const
{
    return vitSinCosEmbedding(h, w, m_options.dim, options);
}

at::Tensor vitSinCosEmbedding(int64_t h, int64_t w, int64_t dim, const at::TensorOptions &options)
{
    // PosEmbSinCos2d: omega_k = 1 / 10000^(k / (dim/4 - 1)); pe = [sin(x w), cos(x w), sin(y w), cos(y w)].
    const int64_t quarter = dim / 4;
    const auto floatOptions = options.dtype(at::kFloat);
    at::Tensor omega = torch::arange(quarter, floatOptions) / double(quarter - 1);
    omega = 1.0 / torch::pow(10000.0, omega);
    const auto grid = torch::meshgrid({torch::arange(h, floatOptions), torch::arange(w, floatOptions)}, "ij");
    const at::Tensor y = grid[0].flatten().unsqueeze(1) * omega.unsqueeze(0);
    const at::Tensor x = grid[1].flatten().unsqueeze(1) * omega.unsqueeze(0);
    return torch::cat({x.sin(), x.cos(), y.sin(), y.cos()}, 1).to(options.dtype());
}

at::Tensor VitImpl::tokensFromInput(const at::Tensor &input, int64_t *gridHeight, int64_t *gridWidth)
{
    const at::Tensor patches = patchEmbedding(input);
    *gridHeight = patches.size(1);
    *gridWidth = patches.size(2);
    at::Tensor x = patches.flatten(1, 2) + positionalEmbedding(*gridHeight, *gridWidth, patches.options());
    for (auto &encoder : m_encoders)
        x = encoder->forward(x);
    return x;
}

std::vector<at::Tensor> VitImpl::encoderOutputs(const at::Tensor &tokens)
{
    std::vector<at::Tensor> outputs;
    at::Tensor x = tokens;
    for (auto &encoder : m_encoders) {
        x = encoder->forward(x);
        outputs.push_back(x);
    }
    return outputs;
}

at::Tensor VitImpl::headPerToken(const at::Tensor &tokens) { return m_headLinear(m_headNorm->forward(tokens)); }

at::Tensor VitImpl::head(const at::Tensor &tokens)
{
    if (m_gapReorder)
        return headPerToken(tokens).mean(1);
    return m_headLinear(m_headNorm->forward(tokens.mean(1)));
}

at::Tensor VitImpl::forward(const at::Tensor &input)
{
    int64_t h = 0, w = 0;
    return head(tokensFromInput(input, &h, &w));
}

at::Tensor VitImpl::features(const at::Tensor &input)
{
    int64_t h = 0, w = 0;
    const at::Tensor tokens = tokensFromInput(input, &h, &w);
    return tokens.transpose(1, 2).unflatten(2, {h, w});
}

at::Tensor VitImpl::classify(const at::Tensor &features)
{
    if (features.dim() != 4 || features.size(1) != m_options.dim)
        fail(ErrorCode::InvalidArgument, "ViT classify expects features [N, {}, h, w], got {}", m_options.dim,
             shapeString(features.sizes()));
    return head(features.flatten(2).transpose(1, 2));
}

Family vitFamily()
{
    Family family;
    family.name = "vit";
    family.build = [](const nlohmann::json &arch, const BcosSettings &settings) -> std::shared_ptr<ClassifierImpl> {
        return std::make_shared<VitImpl>(VitOptions::fromJson(arch), settings);
    };
    family.bcosifyWeights = [](const nlohmann::json &arch, const TensorMap &standard, const BcosSettings &settings) {
        return bcosifyVitWeights(VitOptions::fromJson(arch), standard, settings);
    };
    return family;
}

} // namespace bcos::core
