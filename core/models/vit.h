#pragma once

#include "core/models/family.h"
#include "core/models/network.h"
#include "core/nn/detachablegelu.h"
#include "core/nn/detachablegroupnorm.h"
#include "core/nn/detachablelayernorm.h"
#include "core/nn/switchablelayers.h"
#include "core/nn/vitattention.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bcos::core {

/// Constructor arguments of B-cos v2's SimpleViT (bcos/models/vit.py), under the reference's names in JSON.
struct VitOptions {
    int64_t imageHeight = 224;  ///< token grid * patch size (ViT-C: the token grid, patch 1)
    int64_t imageWidth = 224;
    int64_t patchSize = 16;
    int64_t dim = 384;
    int64_t depth = 12;
    int64_t heads = 6;
    int64_t mlpDim = 1536;
    int64_t numClasses = 1000;
    int64_t channels = 3;               ///< image channels of the standard model (B-cos: 2 * channels)
    std::vector<int64_t> convStem;      ///< ViT-C conv stem output channels; empty: linear patch embedding

    /// {"family": "vit", "variant": "simple_vit"|"vitc", "image_size": n|[h,w], "patch_size", "dim", "depth",
    /// "heads", "mlp_dim", "num_classes", ["conv_stem"], ["preset": name]}; a preset's values are overridden
    /// by explicit fields. Throws Error{Format} naming the field.
    static VitOptions fromJson(const nlohmann::json &arch);
    /// simple_vit_{ti,s,b,l}_patch16_224, vitc_{ti,s,b,l}_patch1_14 (aliases vit_{tiny,small,base,large}_patch16_224,
    /// vitc_{tiny,small,base,large}_patch1_14). Throws Error{InvalidArgument} for unknown names.
    static VitOptions preset(const std::string &name);
    static std::vector<std::string> presetNames();
    nlohmann::json toJson() const;
};

/// One pre-norm SimpleViT encoder: x + attn(x), then x + ff(x) with ff = norm -> linear1 -> GELU -> linear2
/// (keys attn.*, ff.net.{norm,linear1,linear2}.*). `gelu` false: Identity instead (B-cos-v2's B-cos ViTs, where the
/// B-cos transform is the non-linearity). Norm bias only in a standard network or with keepBiases.
/// [N, L, dim] -> [N, L, dim].
class VitEncoderImpl : public torch::nn::Module {
public:
    VitEncoderImpl(int64_t dim, int64_t heads, int64_t mlpDim, const BcosSettings &settings, bool gelu = true);
    at::Tensor forward(const at::Tensor &input);

private:
    VitAttention m_attn{nullptr};
    DetachableLayerNorm m_norm{nullptr};
    SwitchableLinear m_linear1;
    DetachableGelu m_act{nullptr};
    SwitchableLinear m_linear2;
};

/// SimpleViT's patch split "b c (h p1) (w p2) -> b h w (p1 p2 c)": [N, C, H, W] -> [N, H/p, W/p, p*p*C].
/// Error{InvalidArgument} when H or W is not divisible by `patch`.
at::Tensor vitPatchify(const at::Tensor &input, int64_t patch);

/// B-cos-v2 `PosEmbSinCos2d` for an h x w token grid: [h*w, dim] = [sin(x w), cos(x w), sin(y w), cos(y w)],
/// w_k = 10000^(-k / (dim/4 - 1)), x = column, y = row.
at::Tensor vitSinCosEmbedding(int64_t h, int64_t w, int64_t dim, const at::TensorOptions &options);

/// SimpleViT / ViT-C as a ClassifierImpl, standard or B-cosified (bcosify_vit.py): B-cos Linear/Conv layers
/// (to_qkv stays plain), detachable LayerNorm/GroupNorm/GELU, q and k detached in explanation mode, and
/// optionally gap_reorder (head per token, then mean). State-dict keys are the reference's:
/// to_patch_embedding.[conv_stem.i.]linear..., transformer.encoder_i.attn/ff..., linear_head.norm/linear.
/// Input [N, C, H, W] (C = 3 standard, 6 B-cos, already normalised) -> logits [N, K].
class VitImpl : public ClassifierImpl {
public:
    VitImpl(const VitOptions &options, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// Tokens after the transformer as a grid [N, dim, h, w].
    at::Tensor features(const at::Tensor &input) override;
    /// Grid features [N, dim, h, w] -> logits [N, K].
    at::Tensor classify(const at::Tensor &features) override;

    /// Patch embedding before the positional embedding: [N, C, H, W] -> [N, h, w, dim].
    at::Tensor patchEmbedding(const at::Tensor &input);
    /// The 2-D sin-cos positional embedding for an h x w grid: [h*w, dim] (reference PosEmbSinCos2d).
    at::Tensor positionalEmbedding(int64_t h, int64_t w, const at::TensorOptions &options) const;
    /// Output of each encoder for tokens [N, L, dim] (index = encoder), last = transformer output.
    std::vector<at::Tensor> encoderOutputs(const at::Tensor &tokens);
    /// Head (norm + linear) per token: [N, L, dim] -> [N, L, K].
    at::Tensor headPerToken(const at::Tensor &tokens);

    const VitOptions &options() const { return m_options; }
    bool gapReorder() const { return m_gapReorder; }
    /// Head before (false) or after (true) the token mean; B-cos models default to settings.gapReorder.
    void setGapReorder(bool on) { m_gapReorder = on; }

private:
    /// Transformer output [N, h*w, dim]; the token grid size goes to gridHeight/gridWidth.
    at::Tensor tokensFromInput(const at::Tensor &input, int64_t *gridHeight, int64_t *gridWidth);
    at::Tensor head(const at::Tensor &tokens);

    VitOptions m_options;
    bool m_bcos = false;
    bool m_gapReorder = false;
    struct StemStage {
        SwitchableConv2d conv;
        DetachableGroupNorm2d norm{nullptr};
        DetachableGelu act{nullptr};
    };
    std::vector<StemStage> m_stem;
    SwitchableLinear m_patchLinear;
    std::vector<std::shared_ptr<VitEncoderImpl>> m_encoders;
    DetachableLayerNorm m_headNorm{nullptr};
    SwitchableLinear m_headLinear;
};
TORCH_MODULE(Vit);

/// The "vit" family: build from JSON (VitOptions::fromJson) and bcosifyVitWeights() (core/models/bcosifyvit.h).
Family vitFamily();

} // namespace bcos::core
