// The multi-tensor optimisers (core/train/multitensoroptim) on CUDA, where their _foreach_ operations are
// multi-tensor kernels (not the per-tensor loop of the CPU): the same parameters as LibTorch's per-parameter Adam,
// AdamW and SGD within fp32 rounding, over more tensors than one multi-tensor launch takes.
#include "core/train/multitensoroptim.h"
#include "tests/cuda/cudatest.h"
#include "tests/support/parameters.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos {
namespace {

using test::cloneParameters;

class MultiTensorOptimizersCuda : public test::CudaTest {};

/// 300 parameters of ResNet-like shapes (a multi-tensor launch takes ~110 tensors), a tenth channels-last.
std::vector<at::Tensor> makeParameters(const c10::Device &device)
{
    torch::manual_seed(21);
    const std::vector<std::vector<int64_t>> shapes{{64, 64, 3, 3}, {256, 64, 1, 1}, {256}, {1000, 512}, {}, {7, 3}};
    std::vector<at::Tensor> parameters;
    for (int i = 0; i < 300; ++i) {
        auto parameter = torch::randn(shapes[i % shapes.size()], torch::TensorOptions(device));
        if (i % 10 == 0 && parameter.dim() == 4)
            parameter = parameter.contiguous(at::MemoryFormat::ChannelsLast);
        parameters.push_back(parameter.requires_grad_(true));
    }
    return parameters;
}

/// Steps both 5 times with the same gradients; the largest parameter difference over its bound: per step, fp32
/// rounding (a few units in the last place) of the parameter and of an update of at most `maxUpdate`.
template <class Ours, class Theirs, class Options>
double worstOverBound(const c10::Device &device, const Options &options, double maxUpdate)
{
    const auto start = makeParameters(device);
    const auto ours = cloneParameters(start), theirs = cloneParameters(start);
    Ours ourOptimizer(ours, options);
    Theirs theirOptimizer(theirs, options);
    constexpr int kSteps = 5;
    for (int step = 0; step < kSteps; ++step) {
        for (size_t i = 0; i < start.size(); ++i) {
            const auto gradient = torch::randn(start[i].sizes(), start[i].options().requires_grad(false)) * 0.01;
            ours[i].mutable_grad() = gradient.clone();
            theirs[i].mutable_grad() = gradient.clone();
        }
        ourOptimizer.step();
        theirOptimizer.step();
    }
    double worst = 0;
    for (size_t i = 0; i < start.size(); ++i) {
        const double magnitude = start[i].detach().abs().max().item<double>() + kSteps * maxUpdate;
        const double bound = kSteps * 8 * std::ldexp(1.0, -23) * magnitude;
        worst = std::max(worst, (ours[i] - theirs[i]).abs().max().item<double>() / bound);
        EXPECT_EQ(ours[i].is_contiguous(at::MemoryFormat::ChannelsLast),
                  theirs[i].is_contiguous(at::MemoryFormat::ChannelsLast)) << i;
    }
    return worst;
}

TEST_F(MultiTensorOptimizersCuda, StepAsLibTorchsPerParameterOptimizersWithinRounding)
{
    using namespace torch::optim;
    // Adam's update is at most lr * (1 - beta1) / sqrt(1 - beta2) / bias correction ~ lr * 3.2 per step here.
    EXPECT_LE((worstOverBound<core::MultiTensorAdam, Adam>(device(), AdamOptions(1e-3).weight_decay(1e-4), 4e-3)), 1.0);
    EXPECT_LE((worstOverBound<core::MultiTensorAdamW, AdamW>(device(), AdamWOptions(1e-3).weight_decay(0.05), 4e-3)),
              1.0);
    // SGD: lr * |momentum buffer| <= lr * 5 steps * |g| (|g| < 0.06 for 0.01 * randn over these sizes).
    EXPECT_LE((worstOverBound<core::MultiTensorSgd, SGD>(device(), SGDOptions(0.1).momentum(0.9).nesterov(true), 0.03)),
              1.0);
}

} // namespace
} // namespace bcos
