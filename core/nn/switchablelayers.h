#pragma once

#include "core/nn/bcosconv2d.h"
#include "core/nn/bcoslinear.h"
#include "core/nn/bcossettings.h"

#include <string>

namespace bcos::core {

/// A linear layer slot of a model that exists in a standard and a B-cos version: a plain Linear registered
/// as `<name>` (keys <name>.weight/.bias) or a BcosLinear registered as `<name>` (keys <name>.linear.weight/...),
/// as the reference's conversion replaces nn.Linear by BcosifyLinear in place. Not a module itself.
class SwitchableLinear {
public:
    SwitchableLinear() = default;
    /// Registers the layer in `parent`: plain when !settings.enabled (bias as given), else B-cos with B, MaxOut and
    /// learnB from `settings` and the bias only when `bias && settings.keepBiases` (the reference removes biases).
    SwitchableLinear(torch::nn::Module &parent, const std::string &name, int64_t in, int64_t out, bool bias,
                     const BcosSettings &settings);
    /// [..., in] -> [..., out]
    at::Tensor operator()(const at::Tensor &input) const;
    bool isBcos() const { return !m_bcos.is_empty(); }

private:
    torch::nn::Linear m_plain{nullptr};
    BcosLinear m_bcos{nullptr};
};

/// The convolution counterpart of SwitchableLinear: Conv2d or BcosConv2d registered as `<name>`.
class SwitchableConv2d {
public:
    SwitchableConv2d() = default;
    /// `options` gives the geometry and the standard bias; B-cos fields and bias removal come from `settings`.
    SwitchableConv2d(torch::nn::Module &parent, const std::string &name, BcosConv2dOptions options,
                     const BcosSettings &settings);
    /// [N, C_in, H, W] -> [N, C_out, H', W']
    at::Tensor operator()(const at::Tensor &input) const;

private:
    torch::nn::Conv2d m_plain{nullptr};
    BcosConv2d m_bcos{nullptr};
};

} // namespace bcos::core
