#pragma once

#include "core/io/tensormap.h"
#include "core/models/layerfactory.h"
#include "core/models/network.h"

#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>

#include <string>
#include <vector>

namespace bcos::core {

/// torchvision ResNet constructor arguments: {"family": "resnet", "block": "basic"|"bottleneck",
/// "layers": [4 ints], "num_classes", "groups", "width_per_group", "replace_stride_with_dilation": [3 bools]}.
struct ResNetConfig {
    bool bottleneck = false;
    std::vector<int64_t> layers{2, 2, 2, 2};
    int64_t numClasses = 1000;
    int64_t groups = 1;
    int64_t widthPerGroup = 64;
    std::vector<bool> replaceStrideWithDilation{false, false, false};
    int64_t inplanes = 64; ///< stem width ("inplanes"; torchvision fixes it at 64, stage widths scale with it)

    /// Validates `arch`; Error{Format} names `origin` and the field.
    static ResNetConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    /// The canonical description (all fields, family "resnet").
    nlohmann::json toJson() const;
};

/// torchvision ResNet (v1.5). Standard mode: torchvision key names and forward (conv1, bn1, relu, maxpool,
/// layer1..4, avgpool, fc). B-cos mode (the reference's ResNetBcos after BcosifyNetwork): conv weights under
/// "<conv>.linear.weight", uncentered BN, maxpool -> AvgPool2d(3, 2, 1), fc = 1x1 B-cos conv before the
/// global average pool. Input [N, 3|6, H, W] (normalised) -> logits [N, num_classes] (no logit bias).
class ResNetImpl : public ClassifierImpl {
public:
    ResNetImpl(const ResNetConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// layer4 output [N, 512 * expansion, H/32, W/32].
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;
    /// Outputs of conv1, bn1, maxpool (after relu), layer1..layer4 and fc (B-cos: the map before pooling;
    /// standard: the logits), keyed by module name. Same ops as forward().
    TensorMap stageOutputs(const at::Tensor &input);

    const ResNetConfig &config() const { return m_config; }

private:
    at::Tensor stem(const at::Tensor &input);

    ResNetConfig m_config;
    LayerFactory m_layers;
    torch::nn::AnyModule m_conv1, m_bn1, m_maxpool, m_fc;
    std::vector<torch::nn::Sequential> m_stages;
};
TORCH_MODULE(ResNet);

} // namespace bcos::core
