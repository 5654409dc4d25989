#include "bcosv2vit.h"

#include "core/error.h"
#include "core/models/archfields.h"
#include "core/models/bcosv2/bcosv2layers.h"
#include "core/models/vit.h"
#include "core/nn/detachablegelu.h"
#include "core/nn/detachablegroupnorm.h"
#include "core/nn/detachablelayernorm.h"
#include "core/nn/switchablelayers.h"
#include "core/nn/vitattention.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

DetachableLayerNorm layerNorm(int64_t dim, bool bias)
{
    DetachableLayerNormOptions options;
    options.normalizedSize = dim;
    options.bias = bias;
    return DetachableLayerNorm(options);
}

} // namespace

/// The SimpleViT module itself (registered as "0" in the B-cos network, as the zoo's BcosSequential does).
class BcosV2SimpleVitImpl : public torch::nn::Module {
public:
    BcosV2SimpleVitImpl(const BcosV2VitConfig &c, const BcosSettings &settings)
        : m_config(c)
        , m_channels(settings.enabled ? 6 : 3)
    {
        auto embedding = register_module("to_patch_embedding", std::make_shared<torch::nn::Module>());
        int64_t channels = m_channels;
        if (!c.convStem.empty()) {
            // Xiao et al.'s conv stem: 3x3 conv (stride 2 when the width grows), GN layer norm, activation.
            auto stem = embedding->register_module("conv_stem", std::make_shared<torch::nn::Module>());
            for (std::size_t i = 0; i < c.convStem.size(); ++i) {
                BcosConv2dOptions conv;
                conv.inChannels = channels;
                conv.outChannels = c.convStem[i];
                conv.kernelSize = 3;
                conv.stride = c.convStem[i] > channels ? 2 : 1;
                conv.padding = 1;
                conv.bias = true;
                Stage stage;
                stage.conv = SwitchableConv2d(*stem, std::to_string(3 * i), conv, settings);
                DetachableGroupNorm2dOptions norm;
                norm.numGroups = 1;
                norm.numChannels = c.convStem[i];
                norm.bias = !settings.enabled;
                stage.norm = stem->register_module(std::to_string(3 * i + 1), DetachableGroupNorm2d(norm));
                if (!settings.enabled)
                    stage.gelu = stem->register_module(std::to_string(3 * i + 2), DetachableGelu());
                m_stem.push_back(stage);
                channels = c.convStem[i];
            }
        }
        m_patchLinear = SwitchableLinear(*embedding, "linear", channels * c.patchSize * c.patchSize, c.dim, true, settings);
        auto transformer = register_module("transformer", std::make_shared<torch::nn::Module>());
        for (int64_t i = 0; i < c.depth; ++i)
            m_encoders.push_back(transformer->register_module("encoder_" + std::to_string(i),
                                                              std::make_shared<VitEncoderImpl>(c.dim, c.heads, c.mlpDim, settings, /*gelu=*/!settings.enabled)));
        auto head = register_module("linear_head", std::make_shared<torch::nn::Module>());
        m_headNorm = head->register_module("norm", layerNorm(c.dim, !settings.enabled));
        m_headLinear = SwitchableLinear(*head, "linear", c.dim, c.numClasses, true, settings);
    }

    /// [N, C, H, W] -> transformer output [N, h, w, dim]; `positional` [h*w, dim] replaces the sin-cos table.
    at::Tensor tokens(const at::Tensor &input, const at::Tensor &positional = {})
    {
        if (input.dim() != 4 || input.size(1) != m_channels)
            fail(ErrorCode::InvalidArgument, "B-cos-v2 ViT expects input [N, {}, H, W], got {}", m_channels,
                 shapeString(input.sizes()));
        at::Tensor x = input;
        for (auto &stage : m_stem) {
            x = stage.norm->forward(stage.conv(x));
            if (!stage.gelu.is_empty())
                x = stage.gelu->forward(x);
        }
        const at::Tensor patches = m_patchLinear(vitPatchify(x, m_config.patchSize));
        const int64_t h = patches.size(1), w = patches.size(2);
        x = patches.flatten(1, 2)
            + (positional.defined() ? positional : vitSinCosEmbedding(h, w, m_config.dim, patches.options()));
        for (auto &encoder : m_encoders)
            x = encoder->forward(x);
        return x.unflatten(1, {h, w});
    }

    /// Tokens [N, L, dim] -> mean over tokens -> norm -> linear -> [N, K].
    at::Tensor head(const at::Tensor &tokens) { return m_headLinear(m_headNorm->forward(tokens.mean(1))); }

private:
    struct Stage {
        SwitchableConv2d conv;
        DetachableGroupNorm2d norm{nullptr};
        DetachableGelu gelu{nullptr};
    };
    BcosV2VitConfig m_config;
    int64_t m_channels;
    std::vector<Stage> m_stem;
    SwitchableLinear m_patchLinear;
    std::vector<std::shared_ptr<VitEncoderImpl>> m_encoders;
    DetachableLayerNorm m_headNorm{nullptr};
    SwitchableLinear m_headLinear;
};

BcosV2VitConfig BcosV2VitConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"image_size", "patch_size", "dim", "depth", "heads", "mlp_dim", "num_classes", "conv_stem"});
    BcosV2VitConfig c;
    const auto size = arch.find("image_size");
    if (size != arch.end() && size->is_number_integer() && *size > 0) {
        c.imageHeight = c.imageWidth = size->get<int64_t>();
    } else if (size != arch.end()) {
        const auto hw = fields.positiveIntList("image_size", 2);
        c.imageHeight = hw[0];
        c.imageWidth = hw[1];
    }
    c.patchSize = fields.positiveInt("patch_size", c.patchSize);
    c.dim = fields.positiveInt("dim", c.dim);
    c.depth = fields.positiveInt("depth", c.depth);
    c.heads = fields.positiveInt("heads", c.heads);
    c.mlpDim = fields.positiveInt("mlp_dim", c.mlpDim);
    c.numClasses = fields.positiveInt("num_classes", c.numClasses);
    if (arch.contains("conv_stem") && !arch["conv_stem"].is_null())
        c.convStem = fields.positiveIntList("conv_stem", 0);
    if (c.dim % 4 != 0 || c.dim % c.heads != 0)
        fail(ErrorCode::Format, "{}: field 'dim' ({}) must be a multiple of 4 and of 'heads' ({})", origin, c.dim,
             c.heads);
    return c;
}

nlohmann::json BcosV2VitConfig::toJson() const
{
    nlohmann::json arch{{"family", "bcosv2_vit"}, {"image_size", {imageHeight, imageWidth}}, {"patch_size", patchSize},
                        {"dim", dim}, {"depth", depth}, {"heads", heads}, {"mlp_dim", mlpDim},
                        {"num_classes", numClasses}};
    if (!convStem.empty())
        arch["conv_stem"] = convStem;
    return arch;
}

BcosV2VitImpl::BcosV2VitImpl(const BcosV2VitConfig &config, const BcosSettings &settings)
{
    m_vit = std::make_shared<BcosV2SimpleVitImpl>(config, settings.enabled ? bcosV2Settings(settings) : settings);
    if (settings.enabled)
        register_module("0", m_vit); // BcosSequential(SimpleViT, LogitLayer): keys "0.<...>"
    else
        for (const auto &child : m_vit->named_children()) // standard_* files: no prefix
            register_module(child.key(), child.value());
}

at::Tensor BcosV2VitImpl::features(const at::Tensor &input) { return m_vit->tokens(input).permute({0, 3, 1, 2}); }

at::Tensor BcosV2VitImpl::classify(const at::Tensor &features)
{
    return m_vit->head(features.flatten(2).transpose(1, 2));
}

at::Tensor BcosV2VitImpl::forward(const at::Tensor &input) { return forwardWithPositionalEmbedding(input, {}); }

at::Tensor BcosV2VitImpl::forwardWithPositionalEmbedding(const at::Tensor &input, const at::Tensor &positional)
{
    return m_vit->head(m_vit->tokens(input, positional).flatten(1, 2));
}

Family bcosV2VitFamily()
{
    return configuredFamily<BcosV2VitImpl, BcosV2VitConfig>("bcosv2_vit");
}

} // namespace bcos::core
