#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

namespace bcos::core {

struct BcosLinearOptions {
    int64_t inFeatures = 0;
    int64_t outFeatures = 0;
    bool bias = false;
    double b = 2.0;
    int64_t maxOut = 1;
    bool learnB = false;
    bool unitNorm = false; ///< B-cos-v2 `NormedLinear`: rows divided by their L2 norm in forward
};

/// B-cos linear layer as in the reference's `BcosifyLinear`: an unnormalised Linear registered as "linear",
/// out = y * |y / ||x|| |^(B-1), ||x|| = L2 norm over the last dimension + 1e-12. Detaches the dynamic
/// factor in explanation mode. Input [..., in] -> [..., out].
class BcosLinearImpl : public torch::nn::Module, public Detachable {
public:
    explicit BcosLinearImpl(const BcosLinearOptions &options);
    at::Tensor forward(const at::Tensor &input);
    const BcosLinearOptions &options() const { return m_options; }
    torch::nn::Linear linear{nullptr};

private:
    BcosLinearOptions m_options;
    at::Tensor m_b;
};
TORCH_MODULE(BcosLinear);

} // namespace bcos::core
