#pragma once

#include "core/models/modeldescription.h"

#include <torch/nn/module.h>

#include <memory>

namespace bcos::core {

/// The backbone of an image classifier (one family: ResNet, DenseNet, ViT...), registered as "model" in a
/// Network so that state-dict keys read "model.<torchvision/reference name>" as in the reference's
/// BcosifyNetwork. Implementations keep the checkpoint key names of the original code.
class ClassifierImpl : public torch::nn::Module {
public:
    /// Model input [N, C, H, W] (already normalised) -> logits [N, K] (no logit bias).
    virtual at::Tensor forward(const at::Tensor &input) = 0;
    /// Feature maps GradCAM uses by default: the output of the last stage, [N, C, h, w] (ViT: tokens as a grid).
    virtual at::Tensor features(const at::Tensor &input) = 0;
    /// Applies the rest of the network to features() exactly as forward() does -> logits [N, K].
    virtual at::Tensor classify(const at::Tensor &features) = 0;
};

/// A complete classifier: input encoding, in-model normalisation, backbone and logit bias.
/// Standard network: encode(x) = (x - mean) / std, forward = backbone.
/// B-cos network: encode(x) = [x, 1 - x] (6 channels, the reference's AddInverse); forward normalises with
/// mean (mu, 1 - mu) (or 0 when meanFree) and std (sigma, sigma), runs the backbone and adds the logit bias.
class NetworkImpl : public torch::nn::Module {
public:
    NetworkImpl(ModelDescription description, std::shared_ptr<ClassifierImpl> model);

    /// Images in [0, 1], [N, 3, H, W] -> network input ([N, 3, H, W] standard, [N, 6, H, W] B-cos).
    at::Tensor encode(const at::Tensor &images) const;
    /// Network input -> logits [N, K], logit bias included.
    at::Tensor forward(const at::Tensor &input);
    /// The normalisation applied inside forward() (identity for a standard network).
    at::Tensor normalizeInput(const at::Tensor &input) const;
    /// Mean and std of normalizeInput(), per input channel (empty tensors for a standard network).
    at::Tensor inputMean() const;
    at::Tensor inputStd() const;
    double logitBias() const;

    bool isBcos() const { return m_description.bcos.enabled; }
    const ModelDescription &description() const { return m_description; }
    ModelDescription &description() { return m_description; }
    ClassifierImpl &model() { return *m_model; }
    std::shared_ptr<ClassifierImpl> modelPtr() { return m_model; }

private:
    ModelDescription m_description;
    std::shared_ptr<ClassifierImpl> m_model;
};
TORCH_MODULE(Network);

} // namespace bcos::core
