#pragma once

#include "core/models/family.h"
#include "core/models/network.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace bcos::core {

/// B-cos-v2 `SimpleViT` arguments: {"family": "bcosv2_vit", "image_size": [h, w], "patch_size", "dim", "depth",
/// "heads", "mlp_dim", "num_classes", ["conv_stem": [channels...]]}. A B-cos network (settings.enabled) is the
/// zoo's `BcosSequential(SimpleViT, LogitLayer)`; a standard one is the `standard_*` SimpleViT.
struct BcosV2VitConfig {
    int64_t imageHeight = 224;
    int64_t imageWidth = 224;
    int64_t patchSize = 16;
    int64_t dim = 192;
    int64_t depth = 12;
    int64_t heads = 3;
    int64_t mlpDim = 768;
    int64_t numClasses = 1000;
    std::vector<int64_t> convStem; ///< empty: linear patch embedding only

    static BcosV2VitConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    nlohmann::json toJson() const;
};

class BcosV2SimpleVitImpl;

/// B-cos-v2's SimpleViT / ViT-C (bcos/models/vit.py). B-cos: unit-norm B-cos linears and convs (no biases),
/// LayerNorm / GN-LayerNorm without bias (variance detached in explanation mode), Identity activations, q and k
/// detached in explanation mode, every key under "0." (the BcosSequential). Standard: plain Linear/Conv2d with
/// biases, LayerNorm with bias, GELU, no prefix. Tokens: patch embedding + sin-cos table, encoders, mean over
/// tokens, then the head (norm + linear). Input [N, 6|3, H, W] -> logits [N, K] without the logit bias.
class BcosV2VitImpl : public ClassifierImpl {
public:
    BcosV2VitImpl(const BcosV2VitConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// Transformer output as a grid [N, dim, h, w].
    at::Tensor features(const at::Tensor &input) override;
    /// Grid [N, dim, h, w] -> mean over tokens -> head -> [N, K].
    at::Tensor classify(const at::Tensor &features) override;
    /// forward() with `positional` [h*w, dim] added to the tokens instead of the sin-cos table (undefined: the
    /// table). The embedding is a constant input, so sum(W * x) + sum(W_pe * pe) == logit in explanation mode.
    at::Tensor forwardWithPositionalEmbedding(const at::Tensor &input, const at::Tensor &positional);

private:
    std::shared_ptr<BcosV2SimpleVitImpl> m_vit;
};

Family bcosV2VitFamily();

} // namespace bcos::core
