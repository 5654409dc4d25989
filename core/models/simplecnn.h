#pragma once

#include "core/models/network.h"

#include <torch/nn/modules/container/sequential.h>

#include <cstdint>
#include <vector>

namespace bcos::core {

struct Family;

struct SimpleCnnOptions {
    int64_t numClasses = 10;
    std::vector<int64_t> widths{16, 32}; ///< channels of the 3x3 conv stages (each followed by 2x2 pooling but the last)
    bool bcos = false;                   ///< B-cos layers (6-channel [x, 1-x] input) instead of conv + ReLU
    double b = 2.0;
};

/// A small CNN for quick runs on MNIST/CIFAR-sized data (the "simplecnn" architecture of `bcos train`).
/// Standard: [conv3x3 - BatchNorm - ReLU - maxpool2] per stage, global average pool, linear classifier.
/// B-cos: [BcosConv2d 3x3 - BatchNormUncentered2d - avgpool2] per stage and a 1x1 BcosConv2d classifier applied
/// before global average pooling, as in the B-cosification recipe. Input [N, 3|6, H, W] -> logits [N, K].
class SimpleCnnImpl : public ClassifierImpl {
public:
    explicit SimpleCnnImpl(const SimpleCnnOptions &options);
    at::Tensor forward(const at::Tensor &input) override;
    /// [N, widths.back(), h, w]
    at::Tensor features(const at::Tensor &input) override;
    at::Tensor classify(const at::Tensor &features) override;

private:
    SimpleCnnOptions m_options;
    torch::nn::Sequential m_features{nullptr};
    torch::nn::AnyModule m_classifier;
};

/// A SimpleCnn wrapped in a Network with its ModelDescription (family "simplecnn"), freshly initialised
/// from the current torch seed. B-cos networks use B = options.b and the reference logit bias.
Network buildSimpleCnn(const SimpleCnnOptions &options);

/// The "simplecnn" model family ({"family": "simplecnn", "num_classes": K, "widths": [...]}), so that model files
/// written by `bcos train` load through loadModel(). It has no B-cosification (train B-cos ones from scratch).
Family simpleCnnFamily();

} // namespace bcos::core
