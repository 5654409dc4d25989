#pragma once

#include "core/enumnames.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bcos::core {

/// Which c10d process group carries a run's collectives: Gloo (CPU tensors, or CUDA tensors through host
/// memory) or NCCL (one GPU per rank, GPU to GPU). Auto picks NCCL for CUDA ranks when the build has it.
enum class DistributedBackend { Auto, Gloo, Nccl };
inline constexpr EnumNames<DistributedBackend, 3> kDistributedBackendNames{{
    {DistributedBackend::Auto, "auto"}, {DistributedBackend::Gloo, "gloo"}, {DistributedBackend::Nccl, "nccl"}}};

/// The process groups this build of bcos has (CMake: gloo's headers; NCCL needs LibTorch with CUDA and nccl.h).
struct BuiltBackends {
    bool gloo = false;
    bool nccl = false;
};
/// What DistributedGroup::join can create in this build.
BuiltBackends builtBackends();

/// The backend of a rank training on `device` ("cpu", "cuda:i"): `requested` when the build has it and it fits the
/// device (NCCL needs a CUDA device), Auto -> NCCL on CUDA when built, else Gloo. Error{Unsupported} naming what
/// is missing: "--backend nccl needs a GPU per rank; this rank trains on cpu ..." or "this build of bcos has no
/// NCCL ...".
DistributedBackend resolveBackend(DistributedBackend requested, const std::string &device, BuiltBackends built);

/// Where this process stands in a data-parallel run: torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK,
/// LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT) or SLURM's (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID,
/// SLURM_NTASKS_PER_NODE, with MASTER_ADDR/MASTER_PORT exported by the batch script).
struct DistributedConfig {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    int localWorldSize = 1;
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;
    /// The launcher hosts the store (torchrun's agent, `bcos train --nproc-per-node`): every rank is a client
    /// under the key prefix "/worker/attempt_<restartCount>" (TORCHELASTIC_USE_AGENT_STORE=True).
    bool agentStore = false;
    int restartCount = 0;
    /// Bound of every store wait and collective: a rank that died or hangs ends the run after this.
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};
    /// The process group (resolved: Gloo or NCCL) and this rank's training device ("cpu", "cuda:i"): NCCL's
    /// collectives run on that GPU, CPU tensors given to them are copied there and back.
    DistributedBackend backend = DistributedBackend::Gloo;
    std::string device = "cpu";
};

/// Reads an environment variable; nullopt when unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const char *name)>;
/// std::getenv as an EnvironmentLookup.
EnvironmentLookup processEnvironment();

/// The distributed configuration the environment describes: torchrun's variables when RANK or WORLD_SIZE is
/// set, else SLURM's when SLURM_NTASKS > 1; nullopt for a single process (neither, or a world size of 1).
/// Error{InvalidArgument} naming the variable and what was expected (RANK without WORLD_SIZE, WORLD_SIZE=0,
/// RANK >= WORLD_SIZE, MASTER_PORT not a port number, SLURM without MASTER_ADDR, ...).
std::optional<DistributedConfig> distributedConfigFromEnvironment(const EnvironmentLookup &lookup);

/// The training device of a rank: one GPU per local rank ("auto" or "cuda" -> "cuda:<localRank>" when
/// `cudaDevices` > 0; Error{InvalidArgument} when there are fewer GPUs than local ranks); "cpu" and an explicit
/// "cuda:i" are kept.
std::string rankDevice(const std::string &device, int localRank, int cudaDevices);

} // namespace bcos::core
