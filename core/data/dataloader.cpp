#include "dataloader.h"

#include "random.h"

#include "core/buildinfo.h"
#include "core/error.h"

#include <torch/torch.h>

#include <algorithm>

namespace bcos::core {

DataLoader::DataLoader(std::shared_ptr<const Dataset> dataset, LoaderOptions options)
    : m_dataset(std::move(dataset))
    , m_options(std::move(options))
{
    if (m_options.batchSize <= 0)
        fail(ErrorCode::InvalidArgument, "batch size must be positive, got {}", m_options.batchSize);
    if (m_dataset->size() == 0)
        fail(ErrorCode::InvalidArgument, "the dataset is empty");
    if (m_options.shardCount < 1 || m_options.shardIndex < 0 || m_options.shardIndex >= m_options.shardCount)
        fail(ErrorCode::InvalidArgument, "shard {} of {} does not exist", m_options.shardIndex, m_options.shardCount);
}

int64_t DataLoader::shardSize() const
{
    const int64_t n = m_dataset->size(), count = m_options.shardCount;
    if (m_options.padShards)
        return (n + count - 1) / count;
    return std::max<int64_t>(0, (n - m_options.shardIndex + count - 1) / count);
}

DataLoader::~DataLoader() { stop(); }

int64_t DataLoader::batchesPerEpoch() const
{
    const int64_t n = shardSize(), b = m_options.batchSize;
    return m_options.dropLast ? n / b : (n + b - 1) / b;
}

Batch DataLoader::buildBatch(int64_t epoch, int64_t batchIndex) const
{
    const int64_t begin = batchIndex * m_options.batchSize;
    const int64_t end = std::min<int64_t>(begin + m_options.batchSize, shardSize());
    std::vector<at::Tensor> images;
    std::vector<int64_t> labels, indices;
    for (int64_t shardPosition = begin; shardPosition < end; ++shardPosition) {
        // The shard's samples interleave in the epoch order; padding wraps around to its start.
        const int64_t position =
            (shardPosition * m_options.shardCount + m_options.shardIndex) % m_dataset->size();
        const int64_t index = m_options.shuffle ? m_order[static_cast<size_t>(position)] : position;
        auto sample = m_dataset->get(index);
        images.push_back(augmentImage(sample.image, m_options.augment, sampleSeed(m_options.seed, epoch, index)));
        labels.push_back(sample.label);
        indices.push_back(index);
    }
    for (size_t k = 1; k < images.size(); ++k)
        if (images[k].sizes() != images[0].sizes())
            fail(ErrorCode::InvalidArgument,
                 "images of different sizes in one batch: {} is {} x {} pixels (width x height), {} is {} x {}; give an image size to "
                 "resize and crop each to (bcos train --image-size N)",
                 m_dataset->sampleName(indices[0]), images[0].size(2), images[0].size(1),
                 m_dataset->sampleName(indices[k]), images[k].size(2), images[k].size(1));
    Batch batch{torch::stack(images), torch::tensor(labels, torch::kLong), batchIndex};
    if (m_options.pinMemory) { // on the worker, as PyTorch's pin_memory thread: the training thread only copies
        batch.images = batch.images.pin_memory();
        batch.labels = batch.labels.pin_memory();
    }
    return batch;
}

void DataLoader::startEpoch(int64_t epoch, int64_t firstBatch)
{
    stop();
    m_epoch = epoch;
    m_end = batchesPerEpoch();
    if (m_options.shuffle)
        m_order = seededPermutation(m_dataset->size(), mixSeed(m_options.seed) ^ static_cast<uint64_t>(epoch));
    m_ready.clear();
    m_failed.clear();
    m_stopping = false;
    m_nextToBuild = m_nextToDeliver = std::clamp<int64_t>(firstBatch, 0, m_end);
    for (int i = 0; i < m_options.workers; ++i)
        m_threads.emplace_back(&DataLoader::workerLoop, this);
}

void DataLoader::workerLoop()
{
    // One intra-op thread per worker, as PyTorch's DataLoader workers (torch.set_num_threads(1)): the workers run
    // beside the training step's own team, and each worker's tensor work (augmentation, stacking) in a team of its
    // own would make more OpenMP threads than cores, all spinning in barriers. Two runs of a small training on 2
    // cores took 197 s together instead of 5 s.
    setThreadsOfThisThread(1);
    flushDenormals();
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] {
            return m_stopping
                || (m_nextToBuild < m_end && m_nextToBuild < m_nextToDeliver + std::max(1, m_options.prefetchBatches));
        });
        if (m_stopping)
            return;
        const int64_t batchIndex = m_nextToBuild++;
        lock.unlock();
        std::optional<Batch> batch;
        std::exception_ptr error;
        try {
            batch = buildBatch(m_epoch, batchIndex);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        if (error)
            m_failed.emplace(batchIndex, error);
        if (batch)
            m_ready.emplace(batchIndex, std::move(*batch));
        m_changed.notify_all();
    }
}

std::optional<Batch> DataLoader::next()
{
    if (m_nextToDeliver >= m_end)
        return std::nullopt;
    if (m_threads.empty())
        return buildBatch(m_epoch, m_nextToDeliver++);
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_failed.count(m_nextToDeliver) > 0 || m_ready.count(m_nextToDeliver) > 0; });
    if (const auto failed = m_failed.find(m_nextToDeliver); failed != m_failed.end())
        std::rethrow_exception(failed->second); // errors surface in batch order, like the batches

    auto node = m_ready.extract(m_nextToDeliver++);
    m_changed.notify_all();
    return std::move(node.mapped());
}

void DataLoader::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    for (auto &thread : m_threads)
        thread.join();
    m_threads.clear();
}

} // namespace bcos::core
