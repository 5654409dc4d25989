#pragma once

#include <ATen/core/Tensor.h>

#include <memory>
#include <string_view>
#include <vector>

namespace torch::nn {
class Module;
}

namespace bcos::core {

class DistributedGroup;
class GradientSynchronizer;
struct LoaderOptions;

/// What the Trainer does differently as one rank of a data-parallel run (PyTorch DDP semantics): its shard of
/// every epoch, rank 0's weights and buffers at the start, gradients averaged over the ranks by bucketed
/// all-reduce during backward, metrics summed over the ranks, and a stop request agreed on by all.
/// BatchNorm statistics stay per rank (rank 0's buffers are broadcast before every step, as DDP's
/// broadcast_buffers) unless `syncBatchNorm`, which synchronises every BatchNormUncentered2d (SyncBatchNorm).
class DataParallel {
public:
    /// Error{Unsupported} when `syncBatchNorm` is asked of a network with standard BatchNorm2d layers.
    DataParallel(std::shared_ptr<DistributedGroup> group, torch::nn::Module &module,
                 const std::vector<at::Tensor> &parameters, bool syncBatchNorm);
    ~DataParallel();
    DataParallel(const DataParallel &) = delete;
    DataParallel &operator=(const DataParallel &) = delete;

    int rank() const;
    int worldSize() const;

    /// This rank's part of the loader's epochs; `pad` as DistributedSampler (training), disjoint otherwise.
    void shard(LoaderOptions &options, bool pad) const;
    /// Copies rank 0's parameters and buffers into every rank's module.
    void broadcastState();
    /// Before a step's forward pass.
    void beginStep();
    /// After backward: the parameters' .grad hold the averages over the ranks.
    void finishBackward();
    /// Sums `values` over the ranks in place (metrics; float64).
    void sum(std::vector<double> &values, std::string_view what);
    /// True on all ranks when any rank asks to stop.
    bool anyRank(bool flag, std::string_view what);

private:
    std::shared_ptr<DistributedGroup> m_group;
    torch::nn::Module &m_module;
    bool m_syncBatchNorm;
    std::unique_ptr<GradientSynchronizer> m_gradients;
};

} // namespace bcos::core
