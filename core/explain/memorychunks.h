#pragma once

#include <c10/core/Device.h>

#include <cstdint>
#include <functional>
#include <memory>

namespace bcos::core {

/// How a batch of items (images, CLIP locations) was split into passes: the first pass takes one item and measures
/// the memory it took (MemoryProbe); the rest take half the memory available / that, at least 1, at most a cap.
struct MemoryChunk {
    int64_t size = 0;          ///< items per pass after the first
    int64_t bytesPerItem = -1; ///< measured; -1 when it could not be
    int64_t availableBytes = -1; ///< host MemAvailable or the device's free memory; -1 when unknown
};

/// The chunk for `bytesPerItem` and `availableBytes`: min(availableBytes / 2 / bytesPerItem, cap); either unknown
/// (<= 0): min(fallback, cap). At most `items`, at least 1.
int64_t chunkForMemory(int64_t bytesPerItem, int64_t availableBytes, int64_t items, int64_t cap, int64_t fallback);

/// Host MemAvailable, or the free memory of CUDA device `device`; -1 when unknown.
int64_t availableMemory(const c10::Device &device);

/// The peak memory LibTorch allocates for tensors on `device` (host or CUDA) between construction and taken(), from
/// its profiler's memory events: exact whatever the process held before, unlike the resident size (freed memory is
/// reused without growing it). Not measured (-1) when a profiler is already active on this thread (bcos-bench
/// --profile). One thread's allocations: the pass must run on the constructing thread (its OpenMP helpers allocate
/// nothing that outlives an op).
class MemoryProbe {
public:
    explicit MemoryProbe(const c10::Device &device);
    ~MemoryProbe();
    MemoryProbe(const MemoryProbe &) = delete;
    MemoryProbe &operator=(const MemoryProbe &) = delete;

    /// Ends the measurement: the peak bytes in use during the pass; -1 when unknown.
    int64_t taken();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// Runs `pass(start, count)` over the items [0, total) in order. `chunk` > 0: passes of that size. `chunk` == 0:
/// the first pass takes one item and is measured (unless `knownBytesPerItem` > 0 gives the measurement), the others
/// take chunkForMemory(..., cap, fallback). Returns the choice (size = `chunk` when given). Exceptions of `pass`
/// propagate; the passes done stay done.
MemoryChunk forEachChunk(const c10::Device &device, int64_t total, int64_t chunk, int64_t cap, int64_t fallback,
                         const std::function<void(int64_t start, int64_t count)> &pass, int64_t knownBytesPerItem = -1);

} // namespace bcos::core
