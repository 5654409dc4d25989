#pragma once

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <memory>
#include <string>
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

/// The update of a MultiTensorAdam, AdamW or Sgd in the form a CUDA graph can hold (`bcos train --cuda-graphs`): the
/// numbers that change from step to step (learning rate, bias corrections) are read from device tensors that
/// prepare() sets before each replay, instead of being baked into the graph as the eager step() bakes them in as
/// arguments. The arithmetic is step()'s in fp32 (LibTorch's kernels round scalars to the tensors' type too) with
/// one difference: p += -(lr / c1) * (m / d) where step() computes p += (-(lr / c1) * m) / d in one kernel, so the
/// parameters agree with step()'s to fp32 rounding, not bit for bit. The state is the optimiser's own: a
/// checkpoint written between replays resumes with either.
class GraphedUpdate {
public:
    virtual ~GraphedUpdate() = default;
    /// The host side of the next step, outside the graph: advances the step counts and sets the device scalars.
    virtual void prepare() = 0;
    /// Undoes the last prepare() (a capture that failed ran no step).
    virtual void rollback() = 0;
    /// The device side: the update itself with the gradients the parameters hold now (what the graph captures).
    /// Throws when one of the parameters it updates has no gradient.
    virtual void apply() = 0;
    /// How many parameters it updates: those with optimiser state when it was made.
    virtual size_t parameterCount() const = 0;
};

/// The graphed update of `optimizer` (a MultiTensorAdam, AdamW or Sgd that has stepped at least once), or null with
/// the reason in `whyNot` (another optimiser class, parameters of a group at different step counts, none with state).
std::unique_ptr<GraphedUpdate> makeGraphedUpdate(torch::optim::Optimizer &optimizer, std::string *whyNot);

/// Forgets the parameters' gradients (sets them undefined, as LibTorch 2.x's zero_grad() does by default): the
/// next backward pass then hands each its gradient without a fill and an add, and the optimisers skip a parameter
/// that got none (LibTorch 1.13's zero_grad() filled zeros, which Adam then stepped with).
void clearGradients(const std::vector<at::Tensor> &parameters);

} // namespace bcos::core
