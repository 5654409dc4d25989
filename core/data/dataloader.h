#pragma once

#include "core/data/augment.h"
#include "core/data/dataset.h"

#include <ATen/core/Tensor.h>

#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace bcos::core {

struct LoaderOptions {
    int64_t batchSize = 64;
    bool shuffle = true;       ///< a seeded permutation per epoch (seed, epoch)
    bool dropLast = false;     ///< drop a final incomplete batch
    int workers = 2;           ///< decoding/augmentation threads; 0 = on the calling thread
    int prefetchBatches = 4;   ///< bound of the queue of finished batches ahead of the consumer
    /// Page-locked (pinned) batches, for training on a GPU: their copy to the device can then run asynchronously
    /// (`.to(device, non_blocking)`) while the host queues the step. Needs a CUDA LibTorch with a GPU.
    bool pinMemory = false;
    uint64_t seed = 0;
    AugmentOptions augment;
    /// Data-parallel shard (PyTorch's DistributedSampler): this loader yields positions shardIndex,
    /// shardIndex + shardCount, ... of the epoch order. With padShards the order is first extended cyclically to a
    /// multiple of shardCount, so every shard has ceil(n / shardCount) samples and the same number of batches;
    /// without it (evaluation) the shards are disjoint and may differ by one sample.
    int64_t shardIndex = 0;
    int64_t shardCount = 1;
    bool padShards = true;
};

/// One batch: images [B, 3, H, W] float in [0, 1], labels [B] int64, `index` its position in the epoch.
struct Batch {
    at::Tensor images;
    at::Tensor labels;
    int64_t index = 0;
};

/// Multi-threaded, bounded-prefetch batch loader. The content of every batch depends only on (seed, epoch,
/// batch index): the epoch order is seededPermutation and each sample's augmentation RNG is
/// sampleSeed(seed, epoch, dataset index), so results are identical for any number of workers and an epoch
/// can be resumed at any batch. Not thread-safe itself: one consumer thread calls startEpoch()/next().
class DataLoader {
public:
    DataLoader(std::shared_ptr<const Dataset> dataset, LoaderOptions options);
    ~DataLoader();
    DataLoader(const DataLoader &) = delete;
    DataLoader &operator=(const DataLoader &) = delete;

    int64_t batchesPerEpoch() const;
    /// Samples this loader's shard holds per epoch (the dataset's size without sharding).
    int64_t shardSize() const;
    const Dataset &dataset() const { return *m_dataset; }
    const LoaderOptions &options() const { return m_options; }

    /// Starts producing batches [firstBatch, batchesPerEpoch()) of `epoch` (stopping any previous epoch).
    void startEpoch(int64_t epoch, int64_t firstBatch = 0);
    /// The next batch in order, or nullopt at the end of the epoch. When building that batch threw (e.g. an
    /// undecodable image), rethrows the error on the consumer thread, in batch order.
    std::optional<Batch> next();
    /// Stops the workers (called by the destructor and startEpoch).
    void stop();

    /// Builds batch `batchIndex` of `epoch` synchronously (what the workers run).
    Batch buildBatch(int64_t epoch, int64_t batchIndex) const;

private:
    void workerLoop();

    std::shared_ptr<const Dataset> m_dataset;
    LoaderOptions m_options;
    std::vector<int64_t> m_order;
    int64_t m_epoch = 0;
    int64_t m_end = 0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::thread> m_threads;
    std::map<int64_t, Batch> m_ready;
    int64_t m_nextToBuild = 0;
    int64_t m_nextToDeliver = 0;
    bool m_stopping = false;
    std::map<int64_t, std::exception_ptr> m_failed; ///< batches whose building threw
};

} // namespace bcos::core
