#include "localranks.h"

#include "core/error.h"
#include "core/train/distributedgroup.h"
#include "core/train/rendezvoushost.h"

#include <torch/cuda.h>

#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace bcos::core {

void runLocalRanks(int ranks, std::chrono::milliseconds timeout,
                   const std::function<void(const std::shared_ptr<DistributedGroup> &group)> &rank,
                   const std::string &device)
{
    if (ranks < 1)
        fail(ErrorCode::InvalidArgument, "the number of local ranks must be at least 1, got {}", ranks);
    RendezvousHost host("127.0.0.1", 0, timeout);
    const auto joinRank = [&](int index) {
        DistributedConfig config;
        config.rank = config.localRank = index;
        config.worldSize = config.localWorldSize = ranks;
        config.masterPort = host.port();
        config.agentStore = true;
        config.timeout = timeout;
        config.device = rankDevice(device, index, static_cast<int>(torch::cuda::device_count()));
        config.backend = resolveBackend(DistributedBackend::Auto, config.device, builtBackends());
        return DistributedGroup::join(config);
    };
    // The first error in time is the cause; the others' collectives fail after it. A rank's group (and its
    // connections) lives until its error is recorded, so that the cause is recorded first.
    std::mutex mutex;
    std::exception_ptr first;
    const auto guarded = [&](int index) {
        std::shared_ptr<DistributedGroup> group;
        try {
            group = joinRank(index);
            rank(group);
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!first)
                first = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (int index = 1; index < ranks; ++index)
        threads.emplace_back(guarded, index);
    guarded(0);
    for (auto &thread : threads)
        thread.join();
    if (first)
        std::rethrow_exception(first);
}

} // namespace bcos::core
