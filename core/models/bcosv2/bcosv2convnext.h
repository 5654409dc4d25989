#pragma once

#include "core/models/bcosv2/bcosv2layers.h"
#include "core/models/family.h"
#include "core/models/network.h"

#include <torch/nn/modules/container/sequential.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

/// One ConvNeXt stage (torchvision `CNBlockConfig`): `numLayers` blocks of `inputChannels`, then a
/// downsampling to `outChannels` unless it is the last stage.
struct BcosV2ConvNeXtStage {
    int64_t inputChannels = 96;
    std::optional<int64_t> outChannels;
    int64_t numLayers = 3;
};

/// B-cos-v2 `BcosConvNeXt` arguments: {"family": "bcosv2_convnext", "block_setting": [[in, out|null, layers], ...],
/// "num_classes", "norm" ("pn" position norm, eps 1e-6 by default; or "bnu"), "norm_eps"}.
struct BcosV2ConvNeXtConfig {
    std::vector<BcosV2ConvNeXtStage> stages;
    int64_t numClasses = 1000;
    BcosV2Norm norm{"pn", 1e-6};

    static BcosV2ConvNeXtConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    nlohmann::json toJson() const;
};

/// B-cos-v2's ConvNeXt (bcos/models/convnext.py): `features.0` 4x4/4 stem conv and `features.1` its norm;
/// per stage a Sequential of CNBlocks (x + layer_scale * block(x), block = 7x7 depthwise conv, norm, 1x1 C->4C,
/// 1x1 4C->C, no GELU; stochastic depth is the identity at eval) and a downsample (norm, 2x2/2 conv);
/// `classifier.0` norm and `classifier.1` 1x1 conv before the global average pool.
/// Input [N, 6, H, W] -> logits [N, K] without the logit bias.
class BcosV2ConvNeXtImpl : public ClassifierImpl {
public:
    BcosV2ConvNeXtImpl(const BcosV2ConvNeXtConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// Output of `features` [N, C, h, w].
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;

private:
    std::vector<std::function<at::Tensor(const at::Tensor &)>> m_steps; ///< features.0, features.1, ... in order
    torch::nn::Sequential m_classifier{nullptr};
};

Family bcosV2ConvNeXtFamily();

} // namespace bcos::core
