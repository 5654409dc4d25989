#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace bcos::core {

class DistributedGroup;

/// N ranks of a data-parallel run inside this process (the studio's "all GPUs of this machine"): hosts the
/// rendezvous store on 127.0.0.1 (a free port), runs `rank(group)` for ranks 1..N-1 on threads of their own and
/// for rank 0 on the calling thread, each with its joined group, and returns when all have returned. The error
/// that came first is rethrown (the cause: the other ranks' collectives fail after it); a rank that fails closes
/// its connections, so the others end too instead of waiting for `timeout`. `device` is the run's ("cpu"; "cuda" or
/// "auto" with GPUs: cuda:<rank> each, rankDevice); each rank's group is NCCL on a GPU when built, else Gloo, and
/// its config().device names the rank's device.
void runLocalRanks(int ranks, std::chrono::milliseconds timeout,
                   const std::function<void(const std::shared_ptr<DistributedGroup> &group)> &rank,
                   const std::string &device = "cpu");

} // namespace bcos::core
