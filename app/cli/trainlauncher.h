#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace bcos::cli {

struct LaunchOptions {
    int processes = 1;        ///< local ranks (--nproc-per-node)
    int masterPort = 0;       ///< rendezvous port on 127.0.0.1 (0: a free one)
    std::chrono::seconds timeout{300}; ///< --dist-timeout: how long a dead or hung rank may hold up the others
};

/// `bcos train --nproc-per-node N`, a one-machine torchrun: hosts the rendezvous store on 127.0.0.1 and starts
/// N copies of this binary with `workerArguments` (`bcos train ...` without the launcher's options) and
/// torchrun's environment (RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT,
/// TORCHELASTIC_USE_AGENT_STORE). When a rank fails (non-zero status or a signal) it names the rank and the cause
/// and stops the others; SIGINT/SIGTERM are passed on to every rank (rank 0 saves a checkpoint); ranks still
/// running after the timeout are killed. The workers die with the launcher (PR_SET_PDEATHSIG). Returns the exit
/// status: 0, 130 when stopped by a signal, else the failed rank's status (128 + signal when killed).
int launchLocalWorkers(const std::vector<std::string> &workerArguments, const LaunchOptions &options);

} // namespace bcos::cli
