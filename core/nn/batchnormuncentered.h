#pragma once

#include "core/nn/detachable.h"

#include <memory>

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace bcos::core {

class CrossReplicaSum;

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
    /// Synchronised batch statistics (PyTorch's SyncBatchNorm semantics; null: this replica's batch alone): in
    /// training the variance is that of the global batch over all replicas, and its gradient is summed across
    /// them in backward, so N replicas at batch B normalise exactly like one at batch N*B.
    void synchronizeWith(std::shared_ptr<CrossReplicaSum> replicas) { m_replicas = std::move(replicas); }

    at::Tensor weight;
    at::Tensor bias; ///< undefined unless options.bias
    at::Tensor runningMean;
    at::Tensor runningVar;
    at::Tensor numBatchesTracked;

private:
    BatchNormUncentered2dOptions m_options;
    std::shared_ptr<CrossReplicaSum> m_replicas;
};
TORCH_MODULE(BatchNormUncentered2d);

} // namespace bcos::core
