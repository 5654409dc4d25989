#include "launchscript.h"

#include <fmt/format.h>

namespace bcos::core {

std::string shellQuoted(const std::string &text)
{
    if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                                "_-+=./:,@%") == std::string::npos)
        return text;
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string clusterLaunchScript(ClusterLauncher launcher, const std::vector<std::string> &trainArguments,
                                const ClusterScriptOptions &options)
{
    std::string command = "bcos train";
    for (const auto &argument : trainArguments)
        command += " " + shellQuoted(argument);
    if (launcher == ClusterLauncher::Torchrun)
        return fmt::format(
            "#!/bin/bash\n"
            "# Data-parallel bcos train under torchrun (docs/distributed.md): run this on each of the {0} node(s),\n"
            "# with NODE_RANK=0..{1} and MASTER_ADDR=<node 0's address> set on the other nodes.\n"
            "set -euo pipefail\n"
            "torchrun --nnodes {0} --nproc-per-node {2} --node-rank \"${{NODE_RANK:-0}}\" \\\n"
            "    --master-addr \"${{MASTER_ADDR:-127.0.0.1}}\" --master-port {3} \\\n"
            "    --no-python {4}\n",
            options.nodes, options.nodes - 1, options.processesPerNode, options.masterPort, command);
    return fmt::format(
        "#!/bin/bash\n"
        "# Data-parallel bcos train under SLURM (docs/distributed.md): sbatch this file.\n"
        "#SBATCH --job-name=bcos-train\n"
        "#SBATCH --nodes={0}\n"
        "#SBATCH --ntasks-per-node={1}\n"
        "#SBATCH --gpus-per-node={1}\n"
        "set -euo pipefail\n"
        "export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\n"
        "export MASTER_PORT={2}\n"
        "srun {3}\n",
        options.nodes, options.processesPerNode, options.masterPort, command);
}

} // namespace bcos::core
