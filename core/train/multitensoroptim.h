#pragma once

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <vector>

namespace bcos::core {

// LibTorch's Adam, AdamW and SGD update each parameter with its own ~8 element-wise operations: the 107 parameter
// tensors of our B-cos ResNet-50 are 856 kernel launches per step on a GPU (bcos-bench train's kernel_ops). These subclasses compute the same update with one
// multi-tensor (_foreach_) operation per arithmetic step over all parameters of a group (a handful of launches on a
// GPU; on a CPU the same per-tensor operations as before). The arithmetic is LibTorch's, operation by operation, and
// the state is LibTorch's (the same AdamParamState etc.), so checkpoints are read and written exactly as the base
// classes do and a run resumes across both.

class MultiTensorAdam : public torch::optim::Adam {
public:
    using torch::optim::Adam::Adam;
    torch::Tensor step(LossClosure closure = nullptr) override;
};

class MultiTensorAdamW : public torch::optim::AdamW {
public:
    using torch::optim::AdamW::AdamW;
    torch::Tensor step(LossClosure closure = nullptr) override;
};

class MultiTensorSgd : public torch::optim::SGD {
public:
    using torch::optim::SGD::SGD;
    torch::Tensor step(LossClosure closure = nullptr) override;
};

/// Forgets the parameters' gradients (sets them undefined, as LibTorch 2.x's zero_grad() does by default): the
/// next backward pass then hands each its gradient without a fill and an add, and the optimisers skip a parameter
/// that got none (LibTorch 1.13's zero_grad() filled zeros, which Adam then stepped with).
void clearGradients(const std::vector<at::Tensor> &parameters);

} // namespace bcos::core
