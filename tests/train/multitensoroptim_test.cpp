// core/train/multitensoroptim: Adam, AdamW and SGD as multi-tensor (_foreach_) updates step exactly as LibTorch's
// per-parameter optimisers, read and write their state, and resume from each other's checkpoints.
#include "core/compat.h"
#include "core/train/multitensoroptim.h"
#include "core/train/trainoptions.h"
#include "core/train/trainsetup.h"
#include "tests/support/parameters.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <limits>
#include <sstream>

namespace bcos {
namespace {

using test::cloneParameters;

/// Parameters of the shapes a B-cos network has: 4-D kernels (one channels-last), a 2-D classifier, 1-D norm
/// weights, a 0-d learnt exponent, two of one shape (stepped side by side).
std::vector<at::Tensor> makeParameters(uint64_t seed)
{
    torch::manual_seed(seed);
    std::vector<at::Tensor> parameters{
        torch::randn({8, 3, 3, 3}), torch::randn({8, 3, 3, 3}).contiguous(at::MemoryFormat::ChannelsLast),
        torch::randn({6, 8, 1, 1}), torch::randn({5, 6}), torch::randn({8}), torch::randn({}) + 2.0};
    for (auto &parameter : parameters)
        parameter.requires_grad_(true);
    return parameters;
}

/// Gradients of step `step`; parameter 3 gets none at step 2 (it then lags one step behind the others: its Adam
/// bias correction differs, the update batches it separately).
void setGradients(const std::vector<at::Tensor> &parameters, int step)
{
    torch::manual_seed(1000 + step);
    for (size_t i = 0; i < parameters.size(); ++i) {
        auto gradient = torch::randn(parameters[i].sizes()) * (0.1 * static_cast<double>(i + 1));
        if (step == 2 && i == 3)
            parameters[i].mutable_grad().reset();
        else
            parameters[i].mutable_grad() = gradient;
    }
}

void setLearningRate(torch::optim::Optimizer &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        group.options().set_lr(lr);
}

/// Steps both optimisers `steps` times from step `first` with the same gradients (a learning-rate change at step 3).
void stepBoth(torch::optim::Optimizer &ours, const std::vector<at::Tensor> &ourParameters,
              torch::optim::Optimizer &theirs, const std::vector<at::Tensor> &theirParameters, int first, int steps)
{
    for (int step = first; step < first + steps; ++step) {
        if (step == 3) {
            setLearningRate(ours, 0.03);
            setLearningRate(theirs, 0.03);
        }
        setGradients(ourParameters, step);
        setGradients(theirParameters, step);
        ours.step();
        theirs.step();
    }
}

void expectEqualParameters(const std::vector<at::Tensor> &a, const std::vector<at::Tensor> &b, const std::string &what)
{
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        // The same ATen operations on the same CPU, per tensor: bit for bit (a different order or constant fails).
        EXPECT_TRUE(torch::equal(a[i], b[i])) << what << ": parameter " << i << " differs by "
                                              << (a[i] - b[i]).abs().max().item<double>();
        EXPECT_EQ(a[i].is_contiguous(at::MemoryFormat::ChannelsLast), b[i].is_contiguous(at::MemoryFormat::ChannelsLast))
            << what << ": parameter " << i;
    }
}

template <class Ours, class Theirs, class Options>
void expectSameUpdates(const Options &options, const std::string &what)
{
    const auto start = makeParameters(7);
    const auto ourParameters = cloneParameters(start), theirParameters = cloneParameters(start);
    Ours ours(ourParameters, options);
    Theirs theirs(theirParameters, options);
    stepBoth(ours, ourParameters, theirs, theirParameters, 0, 6);
    expectEqualParameters(ourParameters, theirParameters, what);
    for (size_t i = 0; i < start.size(); ++i) // and they did move
        EXPECT_FALSE(torch::equal(ourParameters[i], start[i])) << what << ": parameter " << i;
}

TEST(MultiTensorOptimizers, StepExactlyAsLibTorchsPerParameterOptimizers)
{
    using namespace torch::optim;
    expectSameUpdates<core::MultiTensorAdam, Adam>(AdamOptions(0.01), "Adam");
    expectSameUpdates<core::MultiTensorAdam, Adam>(AdamOptions(0.01).weight_decay(0.05).betas({0.8, 0.95}).eps(1e-6),
                                                   "Adam with weight decay");
    expectSameUpdates<core::MultiTensorAdam, Adam>(AdamOptions(0.01).amsgrad(true), "Adam amsgrad");
    expectSameUpdates<core::MultiTensorAdamW, AdamW>(AdamWOptions(0.01), "AdamW");
    expectSameUpdates<core::MultiTensorAdamW, AdamW>(AdamWOptions(0.01).weight_decay(0.1).amsgrad(true),
                                                     "AdamW with weight decay, amsgrad");
    expectSameUpdates<core::MultiTensorSgd, SGD>(SGDOptions(0.01), "SGD");
    expectSameUpdates<core::MultiTensorSgd, SGD>(SGDOptions(0.01).momentum(0.9).weight_decay(1e-3),
                                                 "SGD with momentum");
    expectSameUpdates<core::MultiTensorSgd, SGD>(SGDOptions(0.01).momentum(0.9).dampening(0.1),
                                                 "SGD with dampening");
    expectSameUpdates<core::MultiTensorSgd, SGD>(SGDOptions(0.01).momentum(0.9).nesterov(true).weight_decay(1e-3),
                                                 "SGD nesterov");
}

/// `from` steps 3 times and is saved; `to` (a fresh optimiser on copies of the parameters) loads it, then both
/// continue 3 steps beside each other.
template <class From, class To, class Options>
void expectResumes(const Options &options, const std::string &what)
{
    const auto start = makeParameters(11);
    const auto fromParameters = cloneParameters(start), reference = cloneParameters(start);
    From from(fromParameters, options);
    From alongside(reference, options);
    stepBoth(from, fromParameters, alongside, reference, 0, 3);
    torch::serialize::OutputArchive archive;
    from.save(archive);
    std::ostringstream bytes;
    archive.save_to(bytes);

    const auto toParameters = cloneParameters(fromParameters);
    To to(toParameters, options);
    torch::serialize::InputArchive input;
    std::istringstream in(bytes.str());
    input.load_from(in);
    to.load(input);
    stepBoth(to, toParameters, alongside, reference, 3, 3);
    expectEqualParameters(toParameters, reference, what);
}

TEST(MultiTensorOptimizers, ResumeFromAndIntoLibTorchsCheckpoints)
{
    using namespace torch::optim;
    expectResumes<core::MultiTensorAdam, Adam>(AdamOptions(0.01).weight_decay(0.01), "Adam -> LibTorch");
    expectResumes<Adam, core::MultiTensorAdam>(AdamOptions(0.01).weight_decay(0.01), "LibTorch -> Adam");
    expectResumes<core::MultiTensorAdam, core::MultiTensorAdam>(AdamOptions(0.01), "Adam -> Adam");
    expectResumes<AdamW, core::MultiTensorAdamW>(AdamWOptions(0.01).weight_decay(0.1), "LibTorch -> AdamW");
    expectResumes<core::MultiTensorSgd, SGD>(SGDOptions(0.01).momentum(0.9), "SGD -> LibTorch");
    expectResumes<SGD, core::MultiTensorSgd>(SGDOptions(0.01).momentum(0.9), "LibTorch -> SGD");
}

TEST(MultiTensorOptimizers, BcosTrainMakesThem)
{
    const auto parameters = makeParameters(3);
    core::TrainOptions options;
    options.optimizer = core::OptimizerKind::Adam;
    EXPECT_NE(dynamic_cast<core::MultiTensorAdam *>(core::makeOptimizer(options, parameters).get()), nullptr);
    options.optimizer = core::OptimizerKind::AdamW;
    EXPECT_NE(dynamic_cast<core::MultiTensorAdamW *>(core::makeOptimizer(options, parameters).get()), nullptr);
    options.optimizer = core::OptimizerKind::Sgd;
    EXPECT_NE(dynamic_cast<core::MultiTensorSgd *>(core::makeOptimizer(options, parameters).get()), nullptr);
}

TEST(MultiTensorOptimizers, ClearedGradientsAreUndefinedAndNotStepped)
{
    const auto parameters = makeParameters(5);
    setGradients(parameters, 0);
    core::clearGradients(parameters);
    for (const auto &parameter : parameters)
        EXPECT_FALSE(parameter.grad().defined());
    const auto before = cloneParameters(parameters);
    core::MultiTensorAdam adam(parameters, torch::optim::AdamOptions(0.1));
    adam.step();
    expectEqualParameters(parameters, before, "no gradients");
}

/// Gradients of step `step` for every parameter (a graphed update steps all of them together).
void setAllGradients(const std::vector<at::Tensor> &parameters, int step)
{
    torch::manual_seed(2000 + step);
    for (size_t i = 0; i < parameters.size(); ++i)
        parameters[i].mutable_grad() = torch::randn(parameters[i].sizes()) * (0.1 * static_cast<double>(i + 1));
}

/// The step count of every parameter's Adam state.
template <class State>
std::vector<int64_t> stepCounts(torch::optim::Optimizer &optimizer, const std::vector<at::Tensor> &parameters)
{
    std::vector<int64_t> counts;
    for (const auto &parameter : parameters)
        for (const auto &[key, state] : optimizer.state())
            if (key == compat::optimizerStateKey<std::decay_t<decltype(key)>>(parameter.unsafeGetTensorImpl()))
                counts.push_back(static_cast<const State &>(*state).step());
    return counts;
}

/// After one eager step each, `ours` steps 6 more times eagerly and the copy through its graphed update (prepare,
/// apply), with a learning rate that changes at every step: a graph that baked the rate or the bias corrections in
/// would move its parameters by other amounts.
template <class Optim, class Options>
void expectGraphedUpdateSteps(const Options &options, const std::string &what)
{
    const auto start = makeParameters(13);
    const auto eagerParameters = cloneParameters(start), graphedParameters = cloneParameters(start);
    Optim eager(eagerParameters, options), graphed(graphedParameters, options);
    std::string whyNot;
    bool stateless = false; // SGD without momentum keeps no state: its update can be graphed from the start
    if constexpr (std::is_same_v<Optim, core::MultiTensorSgd>)
        stateless = options.momentum() == 0;
    if (!stateless) {
        EXPECT_EQ(core::makeGraphedUpdate(graphed, &whyNot), nullptr) << what;
        EXPECT_EQ(whyNot, "no parameter has been stepped yet") << what;
    }
    setAllGradients(eagerParameters, 0);
    setAllGradients(graphedParameters, 0);
    eager.step();
    graphed.step();
    const auto update = core::makeGraphedUpdate(graphed, &whyNot);
    ASSERT_NE(update, nullptr) << what << ": " << whyNot;
    EXPECT_EQ(update->parameterCount(), start.size()) << what;
    update->prepare(); // a capture that fails takes its step back
    update->rollback();
    constexpr int kSteps = 6;
    for (int step = 1; step <= kSteps; ++step) {
        setLearningRate(eager, 0.01 * step);
        setLearningRate(graphed, 0.01 * step);
        setAllGradients(eagerParameters, step);
        setAllGradients(graphedParameters, step);
        eager.step();
        update->prepare();
        update->apply();
    }
    // The gradients do not depend on the parameters here, so the state (moments, momentum) is the same in both and
    // the parameters differ by the rounding of each step's two last operations (the update's product and the sum,
    // up to 2 ulp of the parameter and of the update, |update| <= 1): 4 eps per step, summed over the steps.
    const double tolerance = (kSteps + 1) * 4 * std::numeric_limits<float>::epsilon();
    for (size_t i = 0; i < start.size(); ++i) {
        EXPECT_TRUE(torch::allclose(graphedParameters[i], eagerParameters[i], tolerance, tolerance))
            << what << ": parameter " << i << " differs by "
            << (graphedParameters[i] - eagerParameters[i]).abs().max().item<double>();
        EXPECT_FALSE(torch::equal(graphedParameters[i], start[i])) << what << ": parameter " << i;
    }
    if constexpr (std::is_same_v<Optim, core::MultiTensorAdam>) // prepare() advanced the steps a checkpoint holds
        EXPECT_EQ(stepCounts<torch::optim::AdamParamState>(graphed, graphedParameters),
                  std::vector<int64_t>(start.size(), kSteps + 1)) << what;
}

TEST(MultiTensorOptimizers, GraphedUpdatesReadTheStepsNumbersFromTheDevice)
{
    using namespace torch::optim;
    expectGraphedUpdateSteps<core::MultiTensorAdam>(AdamOptions(0.01), "Adam");
    expectGraphedUpdateSteps<core::MultiTensorAdam>(AdamOptions(0.01).weight_decay(0.05).betas({0.8, 0.95}).eps(1e-6),
                                                    "Adam with weight decay");
    expectGraphedUpdateSteps<core::MultiTensorAdam>(AdamOptions(0.01).amsgrad(true), "Adam amsgrad");
    expectGraphedUpdateSteps<core::MultiTensorAdamW>(AdamWOptions(0.01).weight_decay(0.1), "AdamW");
    expectGraphedUpdateSteps<core::MultiTensorSgd>(SGDOptions(0.01), "SGD");
    expectGraphedUpdateSteps<core::MultiTensorSgd>(SGDOptions(0.01).momentum(0.9).weight_decay(1e-3),
                                                   "SGD with momentum");
    expectGraphedUpdateSteps<core::MultiTensorSgd>(SGDOptions(0.01).momentum(0.9).dampening(0.1), "SGD dampening");
    expectGraphedUpdateSteps<core::MultiTensorSgd>(SGDOptions(0.01).momentum(0.9).nesterov(true), "SGD nesterov");
}

TEST(MultiTensorOptimizers, GraphedUpdatesSayWhyNot)
{
    const auto parameters = makeParameters(17);
    std::string whyNot;
    torch::optim::Adam libtorch(parameters, torch::optim::AdamOptions(0.01));
    EXPECT_EQ(core::makeGraphedUpdate(libtorch, &whyNot), nullptr);
    EXPECT_EQ(whyNot, "the optimiser is not one of ours (MultiTensorAdam, AdamW, Sgd)");
    core::MultiTensorAdam adam(parameters, torch::optim::AdamOptions(0.01));
    for (int step = 0; step < 3; ++step) { // parameter 3 misses step 2's gradient: it lags one step behind
        setGradients(parameters, step);
        adam.step();
    }
    EXPECT_EQ(core::makeGraphedUpdate(adam, &whyNot), nullptr);
    EXPECT_EQ(whyNot, "the parameters are at different step counts (some missed a gradient)");

    const auto more = makeParameters(19);
    core::MultiTensorAdam stepped(more, torch::optim::AdamOptions(0.01));
    setAllGradients(more, 0);
    stepped.step();
    const auto update = core::makeGraphedUpdate(stepped, &whyNot);
    ASSERT_NE(update, nullptr);
    more[2].mutable_grad().reset();
    try {
        update->apply();
        FAIL() << "expected an error for a parameter without a gradient";
    } catch (const std::exception &error) {
        EXPECT_EQ(std::string(error.what()), "graphed optimiser step: a parameter of shape [6, 8, 1, 1] has no gradient");
    }
}

} // namespace
} // namespace bcos
