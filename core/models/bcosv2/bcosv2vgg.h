#pragma once

#include "core/models/bcosv2/bcosv2layers.h"
#include "core/models/family.h"
#include "core/models/network.h"

#include <torch/nn/modules/container/sequential.h>

#include <string>
#include <vector>

namespace bcos::core {

/// B-cos-v2 `BcosVGG` arguments: {"family": "bcosv2_vgg", "cfg": [64, "M", 128, ...] (channel counts and
/// "M" for a 2x2 average pool), "classifier_width" (4096 in the zoo), "num_classes", "norm", "norm_eps"}.
struct BcosV2VggConfig {
    std::vector<int64_t> cfg{64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0}; ///< 0 = "M"
    int64_t classifierWidth = 4096;
    int64_t numClasses = 1000;
    BcosV2Norm norm;

    static BcosV2VggConfig fromJson(const nlohmann::json &arch, const std::string &origin);
    nlohmann::json toJson() const;
};

/// B-cos-v2's VGG with uncentered batch norm (bcos/models/vgg.py, `vgg11_bnu`): `features.<i>` alternates
/// 3x3 B-cos convs (pad 1) and norms, "M" is AvgPool 2/2 (an index of its own), no ReLUs; the classifier is
/// three B-cos convs (7x7 pad 3, 1x1, 1x1; `classifier.0..2`) on the feature map, then the global average
/// pool. Input [N, 6, H, W] -> logits [N, K] without the logit bias.
class BcosV2VggImpl : public ClassifierImpl {
public:
    BcosV2VggImpl(const BcosV2VggConfig &config, const BcosSettings &settings);

    at::Tensor forward(const at::Tensor &input) override;
    /// Output of `features` [N, C, h, w].
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;

private:
    torch::nn::Sequential m_features{nullptr};
    torch::nn::Sequential m_classifier{nullptr};
};

Family bcosV2VggFamily();

} // namespace bcos::core
