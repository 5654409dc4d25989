// core/train/multitensoroptim: Adam, AdamW and SGD as multi-tensor (_foreach_) updates step exactly as LibTorch's
// per-parameter optimisers, read and write their state, and resume from each other's checkpoints.
#include "core/train/multitensoroptim.h"
#include "core/train/trainoptions.h"
#include "core/train/trainsetup.h"
#include "tests/support/parameters.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

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

} // namespace
} // namespace bcos
