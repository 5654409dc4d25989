#include "multitensoroptim.h"

#include "core/compat.h"
#include "core/error.h"

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

/// The gradients of `params` now; throws when one has none (a graphed update cannot skip a parameter).
std::vector<at::Tensor> gradientsOf(const std::vector<at::Tensor> &params)
{
    std::vector<at::Tensor> grads;
    grads.reserve(params.size());
    for (const auto &p : params) {
        if (!p.grad().defined())
            fail(ErrorCode::InvalidArgument, "graphed optimiser step: a parameter of shape {} has no gradient",
                 c10::str(p.sizes()));
        grads.push_back(p.grad());
    }
    return grads;
}

/// How many parameters the groups of a graphed update hold.
template <class Group>
size_t parametersIn(const std::vector<Group> &groups)
{
    size_t count = 0;
    for (const auto &group : groups)
        count += group.params.size();
    return count;
}

/// A 0-d tensor on the parameters' device and of their type, set by GraphedUpdate::prepare().
at::Tensor deviceScalar(const at::Tensor &like)
{
    return torch::zeros({}, like.options().requires_grad(false));
}

/// adamStep()'s arithmetic with the learning rate and the bias corrections read from device scalars.
template <class State, class Options>
class GraphedAdam final : public GraphedUpdate {
public:
    struct Group {
        const Options *options = nullptr;
        std::vector<at::Tensor> params, expAvg, expAvgSq, maxExpAvgSq;
        std::vector<State *> states;
        at::Tensor negStepSize, correction2Sqrt, decay; ///< -(lr / c1), sqrt(c2), 1 - lr * wd
    };

    GraphedAdam(std::vector<Group> groups, bool decoupled)
        : m_groups(std::move(groups)), m_decoupled(decoupled)
    {
    }

    void prepare() override
    {
        for (auto &group : m_groups) {
            for (auto *state : group.states)
                state->step(state->step() + 1);
            const auto step = static_cast<double>(group.states.front()->step());
            const double beta1 = std::get<0>(group.options->betas()), beta2 = std::get<1>(group.options->betas());
            const double lr = group.options->lr();
            group.negStepSize.fill_(-(lr / (1 - std::pow(beta1, step))));
            group.correction2Sqrt.fill_(std::sqrt(1 - std::pow(beta2, step)));
            group.decay.fill_(1 - lr * group.options->weight_decay());
        }
    }

    void rollback() override
    {
        for (auto &group : m_groups)
            for (auto *state : group.states)
                state->step(state->step() - 1);
    }

    void apply() override
    {
        torch::NoGradGuard noGrad;
        for (auto &group : m_groups) {
            const Options &options = *group.options;
            const double beta1 = std::get<0>(options.betas()), beta2 = std::get<1>(options.betas());
            auto grads = gradientsOf(group.params);
            if (options.weight_decay() != 0) {
                if (m_decoupled)
                    compat::mulEach(group.params, group.decay);
                else
                    grads = at::_foreach_add(grads, group.params, options.weight_decay());
            }
            at::_foreach_mul_(group.expAvg, beta1);
            at::_foreach_add_(group.expAvg, grads, 1 - beta1);
            at::_foreach_mul_(group.expAvgSq, beta2);
            at::_foreach_addcmul_(group.expAvgSq, grads, grads, 1 - beta2);
            if (options.amsgrad())
                for (size_t i = 0; i < group.maxExpAvgSq.size(); ++i)
                    at::max_out(group.maxExpAvgSq[i], group.expAvgSq[i], group.maxExpAvgSq[i]);
            auto denom = at::_foreach_sqrt(options.amsgrad() ? group.maxExpAvgSq : group.expAvgSq);
            compat::divEach(denom, group.correction2Sqrt);
            at::_foreach_add_(denom, options.eps());
            auto update = at::_foreach_div(group.expAvg, denom);
            compat::mulEach(update, group.negStepSize);
            at::_foreach_add_(group.params, update);
        }
    }

    size_t parameterCount() const override { return parametersIn(m_groups); }

private:
    std::vector<Group> m_groups;
    bool m_decoupled;
};

template <class State, class Options, class Optim>
std::unique_ptr<GraphedUpdate> graphedAdam(Optim &optimizer, bool decoupled, std::string *whyNot)
{
    using Group = typename GraphedAdam<State, Options>::Group;
    using Key = typename std::decay_t<decltype(optimizer.state())>::key_type;
    std::vector<Group> groups;
    for (auto &paramGroup : optimizer.param_groups()) {
        Group group;
        group.options = &static_cast<const Options &>(paramGroup.options());
        for (auto &p : paramGroup.params()) {
            const auto found = optimizer.state().find(compat::optimizerStateKey<Key>(p.unsafeGetTensorImpl()));
            if (found == optimizer.state().end())
                continue; // never had a gradient: not stepped eagerly either
            auto &state = static_cast<State &>(*found->second);
            if (!group.states.empty() && state.step() != group.states.front()->step()) {
                *whyNot = "the parameters are at different step counts (some missed a gradient)";
                return nullptr;
            }
            group.params.push_back(p);
            group.states.push_back(&state);
            group.expAvg.push_back(state.exp_avg());
            group.expAvgSq.push_back(state.exp_avg_sq());
            if (group.options->amsgrad())
                group.maxExpAvgSq.push_back(state.max_exp_avg_sq());
        }
        if (group.params.empty())
            continue;
        group.negStepSize = deviceScalar(group.params.front());
        group.correction2Sqrt = deviceScalar(group.params.front());
        group.decay = deviceScalar(group.params.front());
        groups.push_back(std::move(group));
    }
    if (groups.empty()) {
        *whyNot = "no parameter has been stepped yet";
        return nullptr;
    }
    return std::make_unique<GraphedAdam<State, Options>>(std::move(groups), decoupled);
}

/// MultiTensorSgd::step()'s arithmetic with the learning rate read from a device scalar.
class GraphedSgd final : public GraphedUpdate {
public:
    struct Group {
        const torch::optim::SGDOptions *options = nullptr;
        std::vector<at::Tensor> params, buffers;
        at::Tensor negLr;
    };

    explicit GraphedSgd(std::vector<Group> groups)
        : m_groups(std::move(groups))
    {
    }

    void prepare() override
    {
        for (auto &group : m_groups)
            group.negLr.fill_(-1 * group.options->lr());
    }

    void rollback() override {}

    void apply() override
    {
        torch::NoGradGuard noGrad;
        for (auto &group : m_groups) {
            const auto &options = *group.options;
            auto steps = gradientsOf(group.params);
            if (options.weight_decay() != 0)
                steps = at::_foreach_add(steps, group.params, options.weight_decay());
            if (options.momentum() != 0) {
                at::_foreach_mul_(group.buffers, options.momentum());
                at::_foreach_add_(group.buffers, steps, 1 - options.dampening());
                steps = options.nesterov() ? at::_foreach_add(steps, group.buffers, options.momentum()) : group.buffers;
            }
            at::_foreach_add_(group.params, compat::timesEach(steps, group.negLr));
        }
    }

    size_t parameterCount() const override { return parametersIn(m_groups); }

private:
    std::vector<Group> m_groups;
};

std::unique_ptr<GraphedUpdate> graphedSgd(MultiTensorSgd &optimizer, std::string *whyNot)
{
    using Key = std::decay_t<decltype(optimizer.state())>::key_type;
    std::vector<GraphedSgd::Group> groups;
    for (auto &paramGroup : optimizer.param_groups()) {
        GraphedSgd::Group group;
        group.options = &static_cast<const torch::optim::SGDOptions &>(paramGroup.options());
        for (auto &p : paramGroup.params()) {
            if (group.options->momentum() != 0) {
                const auto found = optimizer.state().find(compat::optimizerStateKey<Key>(p.unsafeGetTensorImpl()));
                if (found == optimizer.state().end())
                    continue; // never had a gradient: not stepped eagerly either
                group.buffers.push_back(
                    static_cast<torch::optim::SGDParamState &>(*found->second).momentum_buffer());
            }
            group.params.push_back(p);
        }
        if (group.params.empty())
            continue;
        group.negLr = deviceScalar(group.params.front());
        groups.push_back(std::move(group));
    }
    if (groups.empty()) {
        *whyNot = "no parameter has been stepped yet";
        return nullptr;
    }
    return std::make_unique<GraphedSgd>(std::move(groups));
}

} // namespace

std::unique_ptr<GraphedUpdate> makeGraphedUpdate(torch::optim::Optimizer &optimizer, std::string *whyNot)
{
    if (auto *adam = dynamic_cast<MultiTensorAdam *>(&optimizer))
        return graphedAdam<torch::optim::AdamParamState, torch::optim::AdamOptions>(*adam, false, whyNot);
    if (auto *adamW = dynamic_cast<MultiTensorAdamW *>(&optimizer))
        return graphedAdam<torch::optim::AdamWParamState, torch::optim::AdamWOptions>(*adamW, true, whyNot);
    if (auto *sgd = dynamic_cast<MultiTensorSgd *>(&optimizer))
        return graphedSgd(*sgd, whyNot);
    *whyNot = "the optimiser is not one of ours (MultiTensorAdam, AdamW, Sgd)";
    return nullptr;
}

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
