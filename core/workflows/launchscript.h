#pragma once

#include <string>
#include <vector>

namespace bcos::core {

/// Who starts the ranks on a cluster.
enum class ClusterLauncher { Torchrun, Slurm };

/// The cluster a launch script is for.
struct ClusterScriptOptions {
    int nodes = 1;
    int processesPerNode = 1; ///< ranks per node (one per GPU)
    int masterPort = 29500;
};

/// A bash script that runs `bcos train ARGUMENTS` data-parallel (docs/distributed.md): for Torchrun, the
/// torchrun line to run on every node (NODE_RANK and MASTER_ADDR from the environment, defaults for one node);
/// for Slurm, an sbatch script (nodes, tasks and GPUs per node, MASTER_ADDR from the job's first node) whose
/// srun starts one `bcos train` per task. Arguments are quoted for the shell.
std::string clusterLaunchScript(ClusterLauncher launcher, const std::vector<std::string> &trainArguments,
                                const ClusterScriptOptions &options);

/// `text` as one shell word ('...' with embedded quotes escaped; plain words stay as they are).
std::string shellQuoted(const std::string &text);

} // namespace bcos::core
