#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace bcos::core {

class DistributedGroup;

/// N ranks of a data-parallel run inside this process (the studio's "all GPUs of this machine"): hosts the
/// rendezvous store on 127.0.0.1 (a free port), runs `rank(group)` for ranks 1..N-1 on threads of their own and
/// for rank 0 on the calling thread, each with its joined group, and returns when all have returned. The error
/// that came first is rethrown (the cause: the other ranks' collectives fail after it); a rank that fails closes
/// its connections, so the others end too instead of waiting for `timeout`.
void runLocalRanks(int ranks, std::chrono::milliseconds timeout,
                   const std::function<void(const std::shared_ptr<DistributedGroup> &group)> &rank);

} // namespace bcos::core
