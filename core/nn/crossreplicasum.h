#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bcos::core {

/// The one collective a layer needs in data-parallel training (synchronised batch-norm statistics): an in-place
/// sum of a tensor over all replicas. Implemented by the training engine's process group (core/train/distributed.h);
/// every replica must call it in the same order.
class CrossReplicaSum {
public:
    virtual ~CrossReplicaSum() = default;
    virtual void sumInPlace(at::Tensor &tensor) = 0;
    virtual int64_t replicas() const = 0;
};

} // namespace bcos::core
