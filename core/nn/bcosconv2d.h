#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>

namespace bcos::core {

/// Options of a B-cos convolution. `b` is the alignment exponent B (1 = plain conv, 2 = the paper's default;
/// fractional values work). `learnB` makes B a trainable parameter "b" (the paper's ablation).
struct BcosConv2dOptions {
    int64_t inChannels = 0;
    int64_t outChannels = 0;
    int64_t kernelSize = 1;
    int64_t stride = 1;
    int64_t padding = 0;
    int64_t dilation = 1;
    int64_t groups = 1;
    bool bias = false;
    double b = 2.0;
    int64_t maxOut = 1;
    bool learnB = false;
    /// B-cos-v2 `NormedConv2d`: each output unit's weight is divided by its L2 norm (over in/groups x kh x kw)
    /// in forward, so only directions matter (the zoo checkpoints store unnormalised weights).
    bool unitNorm = false;
};

/// B-cos convolution as the B-cosification reference builds it (`BcosifyConv2d`): an *unnormalised*
/// Conv2d registered as "linear" (out*maxOut channels), then out = y * |cos|^(B-1) with
/// cos = y / ||x_patch||. Patch norms are pooled squared inputs per group (stride/padding of the conv).
/// In explanation mode the dynamic factor is computed from detached y and ||x||. With `unitNorm` the conv uses
/// unit-norm weights (B-cos-v2's BcosConv2d; everything else is the same math).
/// Input [N, C_in, H, W] -> [N, C_out, H', W'].
class BcosConv2dImpl : public torch::nn::Module, public Detachable {
public:
    explicit BcosConv2dImpl(const BcosConv2dOptions &options);
    at::Tensor forward(const at::Tensor &input);

    const BcosConv2dOptions &options() const { return m_options; }
    /// The current B (the learnt value when learnB is on).
    double b() const;
    torch::nn::Conv2d linear{nullptr};

private:
    at::Tensor patchNorms(const at::Tensor &input) const;
    BcosConv2dOptions m_options;
    at::Tensor m_b; ///< registered as "b" only when learnB
};
TORCH_MODULE(BcosConv2d);

} // namespace bcos::core
