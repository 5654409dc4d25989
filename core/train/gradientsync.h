#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace bcos::core {

class DistributedGroup;

/// Data-parallel gradient averaging as PyTorch's DistributedDataParallel does it: the parameters are packed into
/// buckets (in reverse registration order, about the order backward produces their gradients) and each bucket's
/// all-reduce starts from an autograd hook as soon as its last gradient arrived, while backward still runs.
/// finishStep() waits, divides by the world size and writes the averages into the parameters' .grad, so that
/// every rank steps with the gradient of the mean loss over the global batch. A parameter without a gradient
/// on this rank contributes zeros. Hooks are removed on destruction.
class GradientSynchronizer {
public:
    /// `parameters`: the trainable tensors (all on one device, one floating dtype per bucket).
    GradientSynchronizer(std::vector<at::Tensor> parameters, std::shared_ptr<DistributedGroup> group,
                         int64_t bucketBytes = int64_t(25) << 20);
    ~GradientSynchronizer();
    GradientSynchronizer(const GradientSynchronizer &) = delete;
    GradientSynchronizer &operator=(const GradientSynchronizer &) = delete;

    /// Before the forward pass of a step: no gradient has arrived.
    void beginStep();
    /// After backward: starts the buckets still waiting (unused parameters), waits for all, averages.
    void finishStep();
    int64_t bucketCount() const;

private:
    struct Bucket;
    void onGradient(size_t parameter, const at::Tensor &gradient);
    void launchReadyBuckets(bool force);

    std::vector<at::Tensor> m_parameters;
    std::shared_ptr<DistributedGroup> m_group;
    std::vector<Bucket> m_buckets;
    std::vector<std::pair<size_t, int64_t>> m_slot; ///< per parameter: bucket, offset in it
    std::vector<bool> m_arrived;
    size_t m_nextLaunch = 0; ///< buckets start in index order on every rank (collectives must match)
    std::mutex m_mutex;      ///< hooks of CUDA backward run on the device's autograd thread
    std::vector<std::function<void()>> m_removeHooks;
};

} // namespace bcos::core
