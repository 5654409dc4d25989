#include "core/workflows/launchscript.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

const std::vector<std::string> kArguments{"--mode", "bcosify", "--weights", "/data/my model.safetensors", "--epochs", "3"};

TEST(LaunchScript, TorchrunRunsBcosTrainWithoutPython)
{
    core::ClusterScriptOptions options;
    options.nodes = 2;
    options.processesPerNode = 4;
    EXPECT_EQ(core::clusterLaunchScript(core::ClusterLauncher::Torchrun, kArguments, options),
              "#!/bin/bash\n"
              "# Data-parallel bcos train under torchrun (docs/distributed.md): run this on each of the 2 node(s),\n"
              "# with NODE_RANK=0..1 and MASTER_ADDR=<node 0's address> set on the other nodes.\n"
              "set -euo pipefail\n"
              "torchrun --nnodes 2 --nproc-per-node 4 --node-rank \"${NODE_RANK:-0}\" \\\n"
              "    --master-addr \"${MASTER_ADDR:-127.0.0.1}\" --master-port 29500 \\\n"
              "    --no-python bcos train --mode bcosify --weights '/data/my model.safetensors' --epochs 3\n");
}

TEST(LaunchScript, SlurmExportsTheMasterAndStartsOneTaskPerGpu)
{
    core::ClusterScriptOptions options;
    options.processesPerNode = 8;
    options.masterPort = 29400;
    const std::string script = core::clusterLaunchScript(core::ClusterLauncher::Slurm, kArguments, options);
    EXPECT_NE(script.find("#SBATCH --nodes=1\n#SBATCH --ntasks-per-node=8\n#SBATCH --gpus-per-node=8\n"),
              std::string::npos) << script;
    EXPECT_NE(script.find("export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\n"
                          "export MASTER_PORT=29400\n"
                          "srun bcos train --mode bcosify --weights '/data/my model.safetensors' --epochs 3\n"),
              std::string::npos) << script;
}

TEST(LaunchScript, QuotesForTheShell)
{
    EXPECT_EQ(core::shellQuoted("idx:/data/fashion-mnist"), "idx:/data/fashion-mnist");
    EXPECT_EQ(core::shellQuoted("it's"), "'it'\\''s'");
    EXPECT_EQ(core::shellQuoted(""), "''");
    EXPECT_EQ(core::shellQuoted("$HOME"), "'$HOME'");
}

} // namespace
} // namespace bcos
