#pragma once

#include "core/models/modeldescription.h"
#include "core/nn/bcosattentionpool.h"

#include <torch/nn/module.h>

#include <functional>
#include <string>
#include <vector>

namespace bcos::core {

/// Constructor arguments of CLIP's ModifiedResNet (CLIP/clip/model.py), reference names in JSON:
/// {"family": "clip_resnet" (or "clip_modified_resnet"), "layers": [..4], "output_dim", "heads",
/// "input_resolution", "width"} or {"preset": "RN50"} with overrides.
struct ClipResNetOptions {
    std::vector<int64_t> layers{3, 4, 6, 3};
    int64_t outputDim = 1024;
    int64_t heads = 32;
    int64_t inputResolution = 224;
    int64_t width = 64;

    /// Throws Error{Format} naming the field.
    static ClipResNetOptions fromJson(const nlohmann::json &arch);
    /// "RN50" (OpenAI's RN50 image tower). Throws Error{InvalidArgument} otherwise.
    static ClipResNetOptions preset(const std::string &name);
    nlohmann::json toJson() const;
};

class ClipBottleneckImpl;

/// CLIP's ModifiedResNet image encoder: 3-conv stem + avg-pool, anti-aliased Bottlenecks (avg-pool before the
/// stride), attention pooling. Standard: OpenAI keys (layerX.Y.downsample.{0,1}), input = CLIP-normalised
/// image [N, 3, H, W] -> embedding [N, D]. B-cosified (settings.enabled, bcosify.py with clip_kd and
/// attn_unpool): BcosConv2d, BatchNormUncentered2d, downsample renumbered {0: avgpool, 1: conv, 2: BN},
/// attention pool unpooled; input = [x, 1-x] images [N, 6, H, W] in [0, 1], normalised inside with the CLIP
/// mean (mu, 1-mu) (0 when settings.meanFree) and std (sigma, sigma) -> unit tokens [h*w, N, D].
class ClipModifiedResNetImpl : public torch::nn::Module {
public:
    ClipModifiedResNetImpl(const ClipResNetOptions &options, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input);
    /// The in-model normalisation of a B-cos encoder ([N, 6, H, W]); identity for a standard one.
    at::Tensor normalizeInput(const at::Tensor &input) const;
    /// Layer4 feature map [N, 32*width, H/32, W/32] of a (normalised) input.
    at::Tensor features(const at::Tensor &normalizedInput);

    bool isBcos() const { return m_bcos; }
    const ClipResNetOptions &options() const { return m_options; }

private:
    ClipResNetOptions m_options;
    bool m_bcos;
    bool m_meanFree;
    std::vector<std::function<at::Tensor(const at::Tensor &)>> m_stem; ///< conv -> BN -> ReLU, three times
    std::vector<std::shared_ptr<ClipBottleneckImpl>> m_blocks;
    BcosAttentionPool2d m_attnpool{nullptr};
};
TORCH_MODULE(ClipModifiedResNet);

/// Builds the encoder from a model description's architecture JSON ({"family": "clip_resnet" or
/// "clip_modified_resnet", ...}); standard or B-cosified per settings.enabled. Throws Error{Format} for another
/// family or bad fields.
ClipModifiedResNet buildClipImageEncoder(const nlohmann::json &arch, const BcosSettings &settings);

} // namespace bcos::core
