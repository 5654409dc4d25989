#include "batchnormuncentered.h"

#include "core/nn/crossreplicasum.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// The population variance over (N, H, W) of the batch of all replicas: one all-reduce of [sum x, sum x^2, count]
/// in float64 (so the E[x^2] - E[x]^2 form loses nothing at fp32). Backward: d var / d x = 2 (x - mean) / n, with
/// the incoming gradient summed over the replicas first (every replica's loss reaches the shared variance).
class SyncedBatchVariance : public torch::autograd::Function<SyncedBatchVariance> {
public:
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &input, CrossReplicaSum *replicas)
    {
        const auto x = input.to(torch::kDouble);
        const int64_t channels = input.size(1);
        at::Tensor sums = torch::cat({x.sum({0, 2, 3}), x.pow(2).sum({0, 2, 3}),
                                      torch::full({1}, static_cast<double>(input.numel() / channels), x.options())});
        replicas->sumInPlace(sums);
        const at::Tensor count = sums.narrow(0, 2 * channels, 1);
        const at::Tensor mean = sums.narrow(0, 0, channels) / count;
        const at::Tensor var = (sums.narrow(0, channels, channels) / count - mean * mean).clamp_min(0);
        ctx->save_for_backward({input});
        ctx->saved_data["mean"] = mean.to(input.scalar_type());
        ctx->saved_data["count"] = count.item<double>();
        ctx->saved_data["replicas"] = reinterpret_cast<int64_t>(replicas);
        return var.to(input.scalar_type());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const at::Tensor input = ctx->get_saved_variables()[0];
        const at::Tensor mean = ctx->saved_data["mean"].toTensor().view({1, -1, 1, 1});
        auto *replicas = reinterpret_cast<CrossReplicaSum *>(ctx->saved_data["replicas"].toInt());
        at::Tensor gradVar = gradOutputs[0].contiguous().clone();
        replicas->sumInPlace(gradVar);
        const double scale = 2.0 / ctx->saved_data["count"].toDouble();
        const at::Tensor gradInput = gradVar.view({1, -1, 1, 1}) * (input - mean) * scale;
        return {gradInput, at::Tensor()};
    }
};

} // namespace

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
        var = m_replicas && !detach() ? SyncedBatchVariance::apply(input, m_replicas.get())
                                      : statsInput.var({0, 2, 3}, /*unbiased=*/false);
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
