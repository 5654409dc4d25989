#include "batchnormuncentered.h"

#include <torch/torch.h>

namespace bcos::core {

BatchNormUncentered2dImpl::BatchNormUncentered2dImpl(const BatchNormUncentered2dOptions &options)
    : m_options(options)
{
    weight = register_parameter("weight", torch::ones({options.numFeatures}));
    if (options.bias)
        bias = register_parameter("bias", torch::zeros({options.numFeatures}));
    runningMean = register_buffer("running_mean", torch::zeros({options.numFeatures}));
    runningVar = register_buffer("running_var", torch::ones({options.numFeatures}));
    numBatchesTracked = register_buffer("num_batches_tracked", torch::zeros({}, torch::kLong));
}

at::Tensor BatchNormUncentered2dImpl::forward(const at::Tensor &input)
{
    TORCH_CHECK(input.dim() == 4, "BatchNormUncentered2d expects [N, C, H, W] input, got ", input.sizes());
    at::Tensor var;
    if (is_training()) {
        const at::Tensor statsInput = detach() ? input.detach() : input;
        var = statsInput.var({0, 2, 3}, /*unbiased=*/false);
        torch::NoGradGuard noGrad;
        numBatchesTracked.add_(1);
        runningVar.mul_(1 - m_options.momentum).add_(var.detach().to(runningVar.dtype()), m_options.momentum);
    } else {
        var = runningVar;
    }
    const at::Tensor std = (var + m_options.eps).sqrt().view({1, -1, 1, 1});
    at::Tensor out = input / std * weight.view({1, -1, 1, 1});
    if (bias.defined())
        out = out + bias.view({1, -1, 1, 1});
    return out.to(input.scalar_type());
}

} // namespace bcos::core
