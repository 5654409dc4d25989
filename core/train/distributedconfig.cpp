#include "distributedconfig.h"

#include "core/error.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace bcos::core {
namespace {

/// A whole non-negative decimal number from variable `name`, or Error{InvalidArgument} naming it.
int parseCount(const EnvironmentLookup &lookup, const char *name, const char *expected)
{
    const auto text = lookup(name);
    if (!text)
        fail(ErrorCode::InvalidArgument, "{} is not set; expected {}", name, expected);
    try {
        size_t used = 0;
        const long value = std::stol(*text, &used);
        if (used == text->size() && value >= 0 && value <= std::numeric_limits<int>::max())
            return static_cast<int>(value);
    } catch (const std::exception &) {
    }
    fail(ErrorCode::InvalidArgument, "{}={}: expected {}", name, *text, expected);
}

int optionalCount(const EnvironmentLookup &lookup, const char *name, const char *expected, int fallback)
{
    return lookup(name) ? parseCount(lookup, name, expected) : fallback;
}

/// MASTER_ADDR / MASTER_PORT, shared by torchrun's and SLURM's mapping.
void readMaster(const EnvironmentLookup &lookup, DistributedConfig &config, const char *requiredBy)
{
    const auto address = lookup("MASTER_ADDR");
    if (!address || address->empty())
        fail(ErrorCode::InvalidArgument, "MASTER_ADDR is not set; {} needs the address of rank 0's host{}", requiredBy,
             std::string_view(requiredBy) == "SLURM_NTASKS > 1"
                 ? " (in the batch script: export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1))"
                 : "");
    config.masterAddress = *address;
    config.masterPort = optionalCount(lookup, "MASTER_PORT", "a TCP port number (1-65535)", config.masterPort);
    if (config.masterPort < 1 || config.masterPort > 65535)
        fail(ErrorCode::InvalidArgument, "MASTER_PORT={}: expected a TCP port number (1-65535)", config.masterPort);
}

void checkRanks(const DistributedConfig &config, const char *rankName, const char *worldName, const char *localName)
{
    if (config.worldSize < 1)
        fail(ErrorCode::InvalidArgument, "{}={}: expected the number of processes (at least 1)", worldName,
             config.worldSize);
    if (config.rank >= config.worldSize)
        fail(ErrorCode::InvalidArgument, "{}={} with {}={}: expected a rank from 0 to {}", rankName, config.rank,
             worldName, config.worldSize, config.worldSize - 1);
    if (config.localRank >= std::max(config.localWorldSize, 1) && config.localWorldSize > 0)
        fail(ErrorCode::InvalidArgument, "{}={}: expected a local rank below the processes per node ({})", localName,
             config.localRank, config.localWorldSize);
}

std::optional<DistributedConfig> torchrunConfig(const EnvironmentLookup &lookup)
{
    DistributedConfig config;
    if (!lookup("WORLD_SIZE"))
        fail(ErrorCode::InvalidArgument, "RANK is set but WORLD_SIZE is not; set both (torchrun sets RANK, "
             "WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT)");
    if (!lookup("RANK"))
        fail(ErrorCode::InvalidArgument, "WORLD_SIZE is set but RANK is not; set both (torchrun sets RANK, "
             "WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT)");
    config.worldSize = parseCount(lookup, "WORLD_SIZE", "the number of processes (at least 1)");
    config.rank = parseCount(lookup, "RANK", "this process's rank (0 to WORLD_SIZE-1)");
    config.localRank = optionalCount(lookup, "LOCAL_RANK", "this process's rank on its node", 0);
    config.localWorldSize = optionalCount(lookup, "LOCAL_WORLD_SIZE", "the processes per node", config.worldSize);
    checkRanks(config, "RANK", "WORLD_SIZE", "LOCAL_RANK");
    if (config.worldSize == 1)
        return std::nullopt;
    readMaster(lookup, config, "WORLD_SIZE > 1");
    config.agentStore = lookup("TORCHELASTIC_USE_AGENT_STORE").value_or("") == "True";
    config.restartCount = optionalCount(lookup, "TORCHELASTIC_RESTART_COUNT", "a restart count", 0);
    return config;
}

std::optional<DistributedConfig> slurmConfig(const EnvironmentLookup &lookup)
{
    DistributedConfig config;
    config.worldSize = parseCount(lookup, "SLURM_NTASKS", "the number of tasks (at least 1)");
    if (config.worldSize <= 1)
        return std::nullopt;
    config.rank = parseCount(lookup, "SLURM_PROCID", "this task's rank (0 to SLURM_NTASKS-1)");
    config.localRank = optionalCount(lookup, "SLURM_LOCALID", "this task's rank on its node", 0);
    // SLURM_NTASKS_PER_NODE is "4" or "4(x2)"; only its leading count matters here.
    if (const auto perNode = lookup("SLURM_NTASKS_PER_NODE"); perNode && !perNode->empty())
        config.localWorldSize = std::atoi(perNode->c_str());
    else
        config.localWorldSize = config.worldSize;
    checkRanks(config, "SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID");
    readMaster(lookup, config, "SLURM_NTASKS > 1");
    return config;
}


} // namespace

EnvironmentLookup processEnvironment()
{
    return [](const char *name) -> std::optional<std::string> {
        const char *value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

std::optional<DistributedConfig> distributedConfigFromEnvironment(const EnvironmentLookup &lookup)
{
    if (lookup("RANK") || lookup("WORLD_SIZE"))
        return torchrunConfig(lookup);
    if (lookup("SLURM_NTASKS") && lookup("SLURM_PROCID"))
        return slurmConfig(lookup);
    return std::nullopt;
}

DistributedBackend resolveBackend(DistributedBackend requested, const std::string &device, BuiltBackends built)
{
    const bool cuda = device.rfind("cuda", 0) == 0;
    const auto missing = [](const char *backend, const char *why) {
        fail(ErrorCode::Unsupported, "this build of bcos has no {} ({}); use --backend {}", backend, why,
             std::string_view(backend) == "NCCL" ? "gloo" : "nccl");
    };
    constexpr const char *kNcclWhy = "it needs LibTorch with CUDA and NCCL's nccl.h when it is built";
    constexpr const char *kGlooWhy = "gloo's headers were missing when it was built; Debian: libgloo-dev";
    switch (requested) {
    case DistributedBackend::Nccl:
        if (!cuda)
            fail(ErrorCode::Unsupported, "--backend nccl needs a GPU per rank; this rank trains on {} (use --backend "
                 "gloo, or --device cuda)", device);
        if (!built.nccl)
            missing("NCCL", kNcclWhy);
        return DistributedBackend::Nccl;
    case DistributedBackend::Gloo:
        if (!built.gloo)
            missing("Gloo", kGlooWhy);
        return DistributedBackend::Gloo;
    case DistributedBackend::Auto:
        break;
    }
    if (cuda && built.nccl)
        return DistributedBackend::Nccl;
    if (built.gloo)
        return DistributedBackend::Gloo;
    if (built.nccl) // NCCL alone and a CPU rank
        fail(ErrorCode::Unsupported, "this build of bcos has only NCCL, which needs a GPU per rank; this rank trains "
             "on {} ({}: {})", device, "Gloo is missing", kGlooWhy);
    fail(ErrorCode::Unsupported, "this build of bcos has no distributed engine (gloo's headers were missing when it "
         "was built; Debian: install libgloo-dev and rebuild); run a single process");
}

std::string rankDevice(const std::string &device, int localRank, int cudaDevices)
{
    if ((device != "auto" && device != "cuda") || (device == "auto" && cudaDevices == 0))
        return device;
    if (localRank >= cudaDevices)
        fail(ErrorCode::InvalidArgument, "local rank {} needs a GPU of its own, but this machine has {}; start at most "
             "{} processes per node, or train on --device cpu", localRank, cudaDevices, cudaDevices);
    return "cuda:" + std::to_string(localRank);
}

} // namespace bcos::core
