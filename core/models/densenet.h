#pragma once

#include "core/io/tensormap.h"
#include "core/models/layerfactory.h"
#include "core/models/namedsequence.h"
#include "core/models/network.h"

#include <torch/nn/modules/container/any.h>

#include <string>
#include <vector>

namespace bcos::core {

/// torchvision DenseNet constructor arguments: {"family": "densenet", "growth_rate", "block_config": [ints],
/// "num_init_features", "bn_size", "drop_rate", "num_classes", "memory_efficient" (accepted, no effect)}.
struct DenseNetConfig {
    int64_t growthRate = 32;
    std::vector<int64_t> blockConfig{6, 12, 24, 16};
    int64_t numInitFeatures = 64;
    int64_t bnSize = 4;
    double dropRate = 0.0;
    int64_t numClasses = 1000;
    bool memoryEfficient = false;

    static DenseNetConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    nlohmann::json toJson() const;
    /// Channels after the last dense block (the classifier's input).
    int64_t numFeatures() const;
    /// Maps a module path of the B-cos (renumbered) network to the standard one:
    /// "features.4.denselayer1.norm1" -> "features.denseblock1.denselayer1.norm1", "features.5.2" ->
    /// "features.transition1.conv", "features.0" -> "features.conv0"; other paths are returned unchanged.
    std::string standardModulePath(const std::string &bcosPath) const;
};

/// torchvision DenseNet. Standard mode: "features.conv0", "features.norm0", "features.denseblock1...",
/// "features.transition1.norm", "features.norm5", "classifier" (GAP then Linear). B-cos mode (the reference's
/// DenseNetBcos after BcosifyNetwork): BcosSequential renumbers features' children: "features.0" (conv0),
/// "features.1" (norm0), "features.3" (pool0 -> AvgPool2d(3, 2, 1)), "features.4.denselayer1...",
/// "features.5.0" (transition1 norm), "features.5.2" (its conv), ..., and "classifier" is a 1x1 B-cos conv
/// applied before GAP. Input [N, 3|6, H, W] -> logits [N, num_classes] (no logit bias).
class DenseNetImpl : public ClassifierImpl {
public:
    DenseNetImpl(const DenseNetConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// relu(features(x)), the final norm + relu, [N, numFeatures, H/32, W/32].
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;
    /// Output of every child of "features" (keyed "features.<child name>") and of "classifier" (B-cos: the
    /// map before pooling; standard: the logits).
    TensorMap stageOutputs(const at::Tensor &input);

    const DenseNetConfig &config() const { return m_config; }

private:
    DenseNetConfig m_config;
    LayerFactory m_layers;
    NamedSequence m_features;
    torch::nn::AnyModule m_classifier;
};
TORCH_MODULE(DenseNet);

} // namespace bcos::core
