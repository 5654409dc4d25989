// The distributed engine's pieces in one process: the torchrun/SLURM environment, and two ranks as threads
// joined through a loopback store (synchronised batch norm, gradient averaging, errors).
#include "core/error.h"
#include "core/nn/batchnormuncentered.h"
#include "core/train/distributedconfig.h"
#include "core/train/distributedgroup.h"
#include "core/train/gradientsync.h"
#include "core/train/rendezvoushost.h"
#include "tests/support/errorof.h"
#include "tests/support/externaldata.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <future>
#include <map>

namespace bcos {
namespace {

using Environment = std::map<std::string, std::string>;

std::optional<core::DistributedConfig> configOf(const Environment &environment)
{
    return core::distributedConfigFromEnvironment([&](const char *name) -> std::optional<std::string> {
        const auto it = environment.find(name);
        return it == environment.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
}

TEST(DistributedConfig, ReadsTorchrunsAndSlurmsVariables)
{
    EXPECT_FALSE(configOf({}));
    EXPECT_FALSE(configOf({{"RANK", "0"}, {"WORLD_SIZE", "1"}})); // one process: no group
    auto config = configOf({{"RANK", "3"}, {"WORLD_SIZE", "8"}, {"LOCAL_RANK", "1"}, {"LOCAL_WORLD_SIZE", "2"},
                            {"MASTER_ADDR", "node0"}, {"MASTER_PORT", "29400"},
                            {"TORCHELASTIC_USE_AGENT_STORE", "True"}, {"TORCHELASTIC_RESTART_COUNT", "2"}});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->rank, 3);
    EXPECT_EQ(config->worldSize, 8);
    EXPECT_EQ(config->localRank, 1);
    EXPECT_EQ(config->localWorldSize, 2);
    EXPECT_EQ(config->masterAddress, "node0");
    EXPECT_EQ(config->masterPort, 29400);
    EXPECT_TRUE(config->agentStore);
    EXPECT_EQ(config->restartCount, 2);

    config = configOf({{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "8"}, {"SLURM_LOCALID", "1"},
                       {"SLURM_NTASKS_PER_NODE", "4(x2)"}, {"MASTER_ADDR", "n1"}});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->rank, 5);
    EXPECT_EQ(config->worldSize, 8);
    EXPECT_EQ(config->localRank, 1);
    EXPECT_EQ(config->localWorldSize, 4);
    EXPECT_EQ(config->masterPort, 29500);
    EXPECT_FALSE(config->agentStore);
    EXPECT_FALSE(configOf({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "1"}}));
}

TEST(DistributedConfig, NamesTheVariableThatIsWrong)
{
    const auto error = [](const Environment &environment) { return test::errorOf([&] { configOf(environment); }); };
    EXPECT_EQ(error({{"RANK", "0"}}), "RANK is set but WORLD_SIZE is not; set both (torchrun sets RANK, WORLD_SIZE, "
                                      "LOCAL_RANK, MASTER_ADDR and MASTER_PORT)");
    EXPECT_EQ(error({{"RANK", "0"}, {"WORLD_SIZE", "0"}}), "WORLD_SIZE=0: expected the number of processes (at least 1)");
    EXPECT_EQ(error({{"RANK", "0"}, {"WORLD_SIZE", "two"}}), "WORLD_SIZE=two: expected the number of processes (at least 1)");
    EXPECT_EQ(error({{"RANK", "2"}, {"WORLD_SIZE", "2"}}), "RANK=2 with WORLD_SIZE=2: expected a rank from 0 to 1");
    EXPECT_EQ(error({{"RANK", "0"}, {"WORLD_SIZE", "2"}}),
              "MASTER_ADDR is not set; WORLD_SIZE > 1 needs the address of rank 0's host");
    EXPECT_EQ(error({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "http"}}),
              "MASTER_PORT=http: expected a TCP port number (1-65535)");
    EXPECT_EQ(error({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "70000"}}),
              "MASTER_PORT=70000: expected a TCP port number (1-65535)");
    EXPECT_EQ(error({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}),
              "MASTER_ADDR is not set; SLURM_NTASKS > 1 needs the address of rank 0's host (in the batch script: export "
              "MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1))");
}

TEST(DistributedConfig, OneGpuPerLocalRank)
{
    EXPECT_EQ(core::rankDevice("auto", 1, 0), "auto");
    EXPECT_EQ(core::rankDevice("cpu", 1, 4), "cpu");
    EXPECT_EQ(core::rankDevice("auto", 1, 4), "cuda:1");
    EXPECT_EQ(core::rankDevice("cuda", 3, 4), "cuda:3");
    EXPECT_EQ(core::rankDevice("cuda:0", 3, 4), "cuda:0");
    EXPECT_EQ(test::errorOf([] { core::rankDevice("cuda", 2, 2); }),
              "local rank 2 needs a GPU of its own, but this machine has 2; start at most 2 processes per node, or "
              "train on --device cpu");
}

TEST(DistributedConfig, NcclCarriesGpuRanksAndGlooTheOthers)
{
    using core::DistributedBackend;
    const core::BuiltBackends both{true, true}, glooOnly{true, false}, ncclOnly{false, true}, neither{};
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Auto, "cuda:1", both), DistributedBackend::Nccl);
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Auto, "cpu", both), DistributedBackend::Gloo);
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Auto, "auto", both), DistributedBackend::Gloo); // no GPU
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Auto, "cuda:0", glooOnly), DistributedBackend::Gloo);
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Gloo, "cuda:0", both), DistributedBackend::Gloo);
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Nccl, "cuda:2", ncclOnly), DistributedBackend::Nccl);
    EXPECT_EQ(core::resolveBackend(DistributedBackend::Auto, "cuda:0", ncclOnly), DistributedBackend::Nccl);

    EXPECT_EQ(test::errorOf([&] { core::resolveBackend(DistributedBackend::Nccl, "cpu", both); }),
              "--backend nccl needs a GPU per rank; this rank trains on cpu (use --backend gloo, or --device cuda)");
    EXPECT_EQ(test::errorOf([&] { core::resolveBackend(DistributedBackend::Nccl, "cuda:0", glooOnly); }),
              "this build of bcos has no NCCL (it needs LibTorch with CUDA and NCCL's nccl.h when it is built); use "
              "--backend gloo");
    EXPECT_EQ(test::errorOf([&] { core::resolveBackend(DistributedBackend::Gloo, "cuda:0", ncclOnly); }),
              "this build of bcos has no Gloo (gloo's headers were missing when it was built; Debian: libgloo-dev); "
              "use --backend nccl");
    EXPECT_EQ(test::errorOf([&] { core::resolveBackend(DistributedBackend::Auto, "cpu", ncclOnly); }),
              "this build of bcos has only NCCL, which needs a GPU per rank; this rank trains on cpu (Gloo is missing: "
              "gloo's headers were missing when it was built; Debian: libgloo-dev)");
    EXPECT_EQ(test::errorOf([&] { core::resolveBackend(DistributedBackend::Auto, "cpu", neither); }),
              "this build of bcos has no distributed engine (gloo's headers were missing when it was built; Debian: "
              "install libgloo-dev and rebuild); run a single process");
}

TEST(DistributedConfig, TheBuildKnowsItsBackends)
{
    // CMake's findings (gloo's headers; a CUDA LibTorch with nccl.h) are what the library was compiled with.
    EXPECT_EQ(core::builtBackends().gloo, bool(BCOS_HAVE_DISTRIBUTED));
    EXPECT_EQ(core::builtBackends().nccl, bool(BCOS_HAVE_NCCL));
}

/// Runs `work(group)` on `ranks` threads joined through a loopback store; returns their results in rank order.
template <class Result>
std::vector<Result> onRanks(int ranks, const std::function<Result(core::DistributedGroup &)> &work)
{
    core::RendezvousHost host("127.0.0.1", 0, std::chrono::seconds(20));
    std::vector<std::future<Result>> futures;
    for (int rank = 0; rank < ranks; ++rank) {
        futures.push_back(std::async(std::launch::async, [&, rank] {
            core::DistributedConfig config;
            config.rank = rank;
            config.worldSize = ranks;
            config.localRank = rank;
            config.localWorldSize = ranks;
            config.masterPort = host.port();
            config.agentStore = true;
            config.timeout = std::chrono::seconds(20);
            auto group = core::DistributedGroup::join(config);
            return work(*group);
        }));
    }
    std::vector<Result> results;
    for (auto &future : futures)
        results.push_back(future.get());
    return results;
}

/// A non-owning shared_ptr for APIs that keep the group (it outlives them here).
std::shared_ptr<core::DistributedGroup> borrowed(core::DistributedGroup &group)
{
    return {&group, [](core::DistributedGroup *) {}};
}

// SyncBatchNorm semantics: two ranks with half a batch each normalise with the whole batch's variance and get
// the whole batch's input gradients (their sum of weight gradients is the whole batch's).
TEST(DistributedGroup, SynchronisedBatchNormMatchesTheWholeBatch)
{
    if (!BCOS_HAVE_DISTRIBUTED)
        GTEST_SKIP() << test::kNeedsGloo;
    torch::manual_seed(1);
    const at::Tensor x = torch::randn({6, 3, 4, 5}) * 2 + 0.5, seed = torch::randn({6, 3, 4, 5});
    core::BatchNormUncentered2d whole(core::BatchNormUncentered2dOptions{3});
    whole->weight.data().uniform_(0.5, 1.5);
    const at::Tensor input = x.clone().requires_grad_(true);
    (whole->forward(input) * seed).sum().backward();

    struct Half {
        at::Tensor output, inputGrad, weightGrad, runningVar;
    };
    const auto halves = onRanks<Half>(2, [&](core::DistributedGroup &group) {
        core::BatchNormUncentered2d norm(core::BatchNormUncentered2dOptions{3});
        norm->weight.data().copy_(whole->weight.detach());
        norm->synchronizeWith(borrowed(group));
        const at::Tensor part = x.narrow(0, 3 * group.rank(), 3).clone().requires_grad_(true);
        const at::Tensor out = norm->forward(part);
        (out * seed.narrow(0, 3 * group.rank(), 3)).sum().backward();
        return Half{out.detach(), part.grad(), norm->weight.grad(), norm->runningVar.clone()};
    });
    const at::Tensor expected = whole->forward(x).detach(); // training mode: the batch statistics again
    EXPECT_TRUE(torch::allclose(torch::cat({halves[0].output, halves[1].output}), expected, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(torch::cat({halves[0].inputGrad, halves[1].inputGrad}), input.grad(), 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(halves[0].weightGrad + halves[1].weightGrad, whole->weight.grad(), 1e-5, 1e-6));
    whole->runningVar.fill_(1); // one update, as each half made
    whole->forward(x);
    EXPECT_TRUE(torch::allclose(halves[0].runningVar, whole->runningVar, 1e-6, 1e-7));
    EXPECT_TRUE(torch::equal(halves[0].runningVar, halves[1].runningVar));
}

// Gradients arrive through autograd hooks into several buckets and come back averaged over the ranks.
TEST(DistributedGroup, GradientsAreAveragedOverRanksInBuckets)
{
    if (!BCOS_HAVE_DISTRIBUTED)
        GTEST_SKIP() << test::kNeedsGloo;
    torch::manual_seed(2);
    torch::nn::Sequential reference(torch::nn::Linear(5, 4), torch::nn::Tanh(), torch::nn::Linear(4, 3));
    const at::Tensor inputs = torch::randn({2, 7, 5});
    std::vector<at::Tensor> expected;
    for (const auto &parameter : reference->parameters())
        expected.push_back(torch::zeros_like(parameter));
    for (int rank = 0; rank < 2; ++rank) {
        reference->zero_grad();
        reference->forward(inputs[rank]).pow(2).mean().backward();
        for (size_t i = 0; i < expected.size(); ++i)
            expected[i] += reference->parameters()[i].grad() / 2;
    }
    const auto grads = onRanks<std::vector<at::Tensor>>(2, [&](core::DistributedGroup &group) {
        torch::nn::Sequential model(torch::nn::Linear(5, 4), torch::nn::Tanh(), torch::nn::Linear(4, 3));
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < expected.size(); ++i)
            model->parameters()[i].copy_(reference->parameters()[i]);
        core::GradientSynchronizer sync(model->parameters(), borrowed(group), /*bucketBytes=*/64);
        EXPECT_GT(sync.bucketCount(), 2);
        std::vector<at::Tensor> result;
        for (int step = 0; step < 2; ++step) { // twice: the buckets reset between steps
            model->zero_grad();
            sync.beginStep();
            {
                torch::AutoGradMode enable(true);
                model->forward(inputs[group.rank()]).pow(2).mean().backward();
            }
            sync.finishStep();
        }
        for (const auto &parameter : model->parameters())
            result.push_back(parameter.grad().clone());
        return result;
    });
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_TRUE(torch::allclose(grads[0][i], expected[i], 1e-6, 1e-7)) << i;
        EXPECT_TRUE(torch::equal(grads[0][i], grads[1][i])) << i;
    }
}

TEST(DistributedGroup, ClearErrorsForABusyPortAndAMissingRank)
{
    if (!BCOS_HAVE_DISTRIBUTED)
        GTEST_SKIP() << test::kNeedsGloo;
    core::RendezvousHost host("127.0.0.1", 0, std::chrono::seconds(5));
    const int port = host.port();
    const std::string busy = test::errorOf([&] { core::RendezvousHost("127.0.0.1", port, std::chrono::seconds(5)); });
    EXPECT_EQ(busy.rfind(fmt::format("cannot listen on 127.0.0.1:{} for the workers' rendezvous (", port), 0), 0u) << busy;
    EXPECT_NE(busy.find("is the port in use? choose another with --master-port"), std::string::npos) << busy;

    // Rank 0 hosting the store itself (torchrun without an agent store) on a port that is taken.
    core::DistributedConfig config;
    config.worldSize = 2;
    config.masterPort = port;
    config.timeout = std::chrono::seconds(1);
    const std::string taken = test::errorOf([&] { core::DistributedGroup::join(config); });
    EXPECT_EQ(taken.rfind(fmt::format("rank 0 cannot listen on MASTER_ADDR:MASTER_PORT = 127.0.0.1:{} (", port), 0), 0u)
        << taken;

    // Rank 1 never comes: rank 0 gives up after the timeout and says so.
    config.agentStore = true;
    const std::string missing = test::errorOf([&] { core::DistributedGroup::join(config); });
    EXPECT_EQ(missing.rfind(fmt::format("rank 0: the 2 ranks did not all join through 127.0.0.1:{} within 1 s (", port), 0),
              0u) << missing;
}

} // namespace
} // namespace bcos
