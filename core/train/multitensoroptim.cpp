#include "multitensoroptim.h"

#include "core/compat.h"

#include <ATen/ATen.h>
#include <torch/torch.h>

#include <cmath>
#include <map>
#include <memory>

namespace bcos::core {
namespace {

/// The parameters of one group that Adam or AdamW steps together: those at the same step count (normally all of
/// them; one that missed a gradient lags behind), with their state tensors.
struct AdamBatch {
    std::vector<at::Tensor> params, grads, expAvg, expAvgSq, maxExpAvgSq;
};

/// One Adam/AdamW step of LibTorch's, operation by operation (torch/csrc/api/src/optim/adam.cpp, adamw.cpp), over
/// the parameter groups: `decoupled` is AdamW's weight decay (p *= 1 - lr * wd before the update) instead of Adam's
/// (g += wd * p). State and Options are AdamParamState/AdamOptions or AdamWParamState/AdamWOptions.
template <class State, class Options, class StateMap>
void adamStep(std::vector<torch::optim::OptimizerParamGroup> &groups, StateMap &stateMap, bool decoupled)
{
    using Key = typename StateMap::key_type;
    for (auto &group : groups) {
        auto &options = static_cast<Options &>(group.options());
        const double beta1 = std::get<0>(options.betas()), beta2 = std::get<1>(options.betas());
        const double lr = options.lr(), weightDecay = options.weight_decay(), eps = options.eps();
        std::map<int64_t, AdamBatch> batches; // by the step count the update makes
        for (auto &p : group.params()) {
            if (!p.grad().defined())
                continue;
            TORCH_CHECK(!p.grad().is_sparse(), "Adam does not support sparse gradients");
            const Key key = compat::optimizerStateKey<Key>(p.unsafeGetTensorImpl());
            auto found = stateMap.find(key);
            if (found == stateMap.end()) {
                auto state = std::make_unique<State>();
                state->step(0);
                state->exp_avg(torch::zeros_like(p, at::MemoryFormat::Preserve));
                state->exp_avg_sq(torch::zeros_like(p, at::MemoryFormat::Preserve));
                if (options.amsgrad())
                    state->max_exp_avg_sq(torch::zeros_like(p, at::MemoryFormat::Preserve));
                found = stateMap.emplace(key, std::move(state)).first;
            }
            auto &state = static_cast<State &>(*found->second);
            state.step(state.step() + 1);
            AdamBatch &batch = batches[state.step()];
            batch.params.push_back(p);
            batch.grads.push_back(p.grad());
            batch.expAvg.push_back(state.exp_avg());
            batch.expAvgSq.push_back(state.exp_avg_sq());
            if (options.amsgrad())
                batch.maxExpAvgSq.push_back(state.max_exp_avg_sq());
        }
        for (auto &[step, batch] : batches) {
            const double biasCorrection1 = 1 - std::pow(beta1, static_cast<double>(step));
            const double biasCorrection2 = 1 - std::pow(beta2, static_cast<double>(step));
            if (weightDecay != 0) {
                if (decoupled)
                    at::_foreach_mul_(batch.params, 1 - lr * weightDecay);
                else
                    batch.grads = at::_foreach_add(batch.grads, batch.params, weightDecay);
            }
            at::_foreach_mul_(batch.expAvg, beta1);
            at::_foreach_add_(batch.expAvg, batch.grads, 1 - beta1);
            at::_foreach_mul_(batch.expAvgSq, beta2);
            at::_foreach_addcmul_(batch.expAvgSq, batch.grads, batch.grads, 1 - beta2);
            if (options.amsgrad()) // rare: the per-tensor maximum LibTorch takes
                for (size_t i = 0; i < batch.maxExpAvgSq.size(); ++i)
                    at::max_out(batch.maxExpAvgSq[i], batch.expAvgSq[i], batch.maxExpAvgSq[i]);
            auto denom = at::_foreach_sqrt(options.amsgrad() ? batch.maxExpAvgSq : batch.expAvgSq);
            at::_foreach_div_(denom, std::sqrt(biasCorrection2));
            at::_foreach_add_(denom, eps);
            at::_foreach_addcdiv_(batch.params, batch.expAvg, denom, -(lr / biasCorrection1));
        }
    }
}

/// The loss of an optimiser's closure, evaluated with gradients on (as LibTorch's step() does); undefined without one.
torch::Tensor evaluateClosure(const torch::optim::Optimizer::LossClosure &closure)
{
    if (!closure)
        return {};
    at::AutoGradMode enableGrad(true);
    return closure();
}

} // namespace

torch::Tensor MultiTensorAdam::step(LossClosure closure)
{
    torch::NoGradGuard noGrad;
    const auto loss = evaluateClosure(closure);
    adamStep<torch::optim::AdamParamState, torch::optim::AdamOptions>(param_groups_, state_, false);
    return loss;
}

torch::Tensor MultiTensorAdamW::step(LossClosure closure)
{
    torch::NoGradGuard noGrad;
    const auto loss = evaluateClosure(closure);
    adamStep<torch::optim::AdamWParamState, torch::optim::AdamWOptions>(param_groups_, state_, true);
    return loss;
}

torch::Tensor MultiTensorSgd::step(LossClosure closure)
{
    torch::NoGradGuard noGrad;
    const auto loss = evaluateClosure(closure);
    using Key = decltype(state_)::key_type;
    for (auto &group : param_groups_) {
        const auto &options = static_cast<torch::optim::SGDOptions &>(group.options());
        const double momentum = options.momentum(), dampening = options.dampening();
        std::vector<at::Tensor> params, steps, buffers;
        for (auto &p : group.params()) {
            if (!p.grad().defined())
                continue;
            params.push_back(p);
            steps.push_back(p.grad());
        }
        if (params.empty())
            continue;
        if (options.weight_decay() != 0)
            steps = at::_foreach_add(steps, params, options.weight_decay());
        if (momentum != 0) {
            // A parameter's first step starts its buffer with a copy of the step; the others decay theirs.
            std::vector<at::Tensor> decaying, decayingSteps;
            for (size_t i = 0; i < params.size(); ++i) {
                const Key key = compat::optimizerStateKey<Key>(params[i].unsafeGetTensorImpl());
                auto found = state_.find(key);
                if (found == state_.end()) {
                    auto state = std::make_unique<torch::optim::SGDParamState>();
                    state->momentum_buffer(steps[i].detach().clone());
                    buffers.push_back(state->momentum_buffer());
                    state_.emplace(key, std::move(state));
                } else {
                    buffers.push_back(static_cast<torch::optim::SGDParamState &>(*found->second).momentum_buffer());
                    decaying.push_back(buffers.back());
                    decayingSteps.push_back(steps[i]);
                }
            }
            if (!decaying.empty()) {
                at::_foreach_mul_(decaying, momentum);
                at::_foreach_add_(decaying, decayingSteps, 1 - dampening);
            }
            steps = options.nesterov() ? at::_foreach_add(steps, buffers, momentum) : buffers;
        }
        at::_foreach_add_(params, steps, -1 * options.lr());
    }
    return loss;
}

void clearGradients(const std::vector<at::Tensor> &parameters)
{
    for (const auto &parameter : parameters)
        if (parameter.grad().defined())
            parameter.mutable_grad().reset();
}

} // namespace bcos::core
