#pragma once

#include "core/models/bcosv2/bcosv2layers.h"
#include "core/models/family.h"
#include "core/models/network.h"

#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>

#include <string>
#include <vector>

namespace bcos::core {

/// B-cos-v2 `BcosResNet` arguments: {"family": "bcosv2_resnet", "block": "basic"|"bottleneck", "layers": [n],
/// "inplanes" (stem width, 64 in the zoo), "groups", "width_per_group", "num_classes", "norm", "norm_eps"}.
struct BcosV2ResNetConfig {
    bool bottleneck = false;
    std::vector<int64_t> layers{2, 2, 2, 2};
    int64_t inplanes = 64;
    int64_t groups = 1;
    int64_t widthPerGroup = 64;
    int64_t numClasses = 1000;
    BcosV2Norm norm;

    static BcosV2ResNetConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    nlohmann::json toJson() const;
};

/// B-cos-v2's ResNet / ResNeXt (bcos/models/resnet.py): no activations (the B-cos transform is the
/// non-linearity), conv1 7x7/2 (6 input channels) -> norm -> AvgPool 3/2/1 (`pool`) -> layerL.i blocks
/// (torchvision key names, stride on the 3x3 conv) -> `fc` 1x1 B-cos conv before the global average pool.
/// Input [N, 6, H, W] ([x, 1-x], no normalisation) -> logits [N, K] without the logit bias.
class BcosV2ResNetImpl : public ClassifierImpl {
public:
    BcosV2ResNetImpl(const BcosV2ResNetConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// Last stage output [N, C, h, w].
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;

private:
    BcosV2ResNetConfig m_config;
    BcosConv2d m_conv1{nullptr};
    torch::nn::AnyModule m_bn1;
    std::vector<torch::nn::Sequential> m_stages;
    BcosConv2d m_fc{nullptr};
};

Family bcosV2ResNetFamily();

} // namespace bcos::core
