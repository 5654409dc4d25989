#pragma once

#include "core/nn/detachable.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

struct BatchNormUncentered2dOptions {
    int64_t numFeatures = 0;
    double eps = 1e-5;
    double momentum = 0.1;
    bool bias = false;
};

/// Uncentered batch norm (the reference's BnUncV2): y = x / sqrt(var + eps) * gamma (+ beta).
/// Training uses the batch variance (population, over N,H,W; detached in explanation mode) and updates
/// running_var; eval uses running_var. running_mean is kept (checkpoint compatibility) but never used:
/// on conversion it is folded into beta. Keys: weight, [bias], running_mean, running_var, num_batches_tracked.
class BatchNormUncentered2dImpl : public torch::nn::Module, public Detachable {
public:
    explicit BatchNormUncentered2dImpl(const BatchNormUncentered2dOptions &options);
    at::Tensor forward(const at::Tensor &input);
    const BatchNormUncentered2dOptions &options() const { return m_options; }

    at::Tensor weight;
    at::Tensor bias; ///< undefined unless options.bias
    at::Tensor runningMean;
    at::Tensor runningVar;
    at::Tensor numBatchesTracked;

private:
    BatchNormUncentered2dOptions m_options;
};
TORCH_MODULE(BatchNormUncentered2d);

} // namespace bcos::core
