#pragma once

#include "core/models/bcosv2/bcosv2layers.h"
#include "core/models/family.h"
#include "core/models/network.h"

#include <torch/nn/modules/container/any.h>

#include <string>
#include <vector>

namespace bcos::core {

/// B-cos-v2 `BcosDenseNet` arguments: {"family": "bcosv2_densenet", "growth_rate", "block_config": [n],
/// "num_init_features", "bn_size", "num_classes", "norm", "norm_eps"}.
struct BcosV2DenseNetConfig {
    int64_t growthRate = 32;
    std::vector<int64_t> blockConfig{6, 12, 24, 16};
    int64_t numInitFeatures = 64;
    int64_t bnSize = 4;
    int64_t numClasses = 1000;
    BcosV2Norm norm;

    static BcosV2DenseNetConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    nlohmann::json toJson() const;
};

class BcosV2DenseLayerImpl;

/// B-cos-v2's DenseNet (bcos/models/densenet.py): torchvision's key names (features.conv0, norm0,
/// denseblockB.denselayerJ.{norm1,conv1,norm2,conv2}, transitionT.{norm,conv}, norm5), no ReLUs, AvgPool 3/2/1
/// stem pool, AvgPool 2/2 in the transitions, `classifier` a 1x1 B-cos conv before the global average pool.
/// Input [N, 6, H, W] -> logits [N, K] without the logit bias.
class BcosV2DenseNetImpl : public ClassifierImpl {
public:
    BcosV2DenseNetImpl(const BcosV2DenseNetConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// Output of norm5 [N, C, h, w].
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;

private:
    struct Transition {
        torch::nn::AnyModule norm;
        BcosConv2d conv{nullptr};
    };
    BcosConv2d m_conv0{nullptr};
    torch::nn::AnyModule m_norm0, m_norm5;
    std::vector<std::vector<std::shared_ptr<BcosV2DenseLayerImpl>>> m_blocks;
    std::vector<Transition> m_transitions;
    BcosConv2d m_classifier{nullptr};
};

Family bcosV2DenseNetFamily();

} // namespace bcos::core
