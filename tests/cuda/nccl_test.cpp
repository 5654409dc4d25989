// Data-parallel collectives through NCCL on the GPU machine: the ranks of this process (one per GPU, at most two;
// a single GPU makes a group of one) join through core::runLocalRanks with device "cuda", which picks NCCL where
// the build has it. Sums, a CPU flag taken to the GPU and back, and rank 0's broadcast must come out exactly.
#include "core/train/distributedgroup.h"
#include "core/train/localranks.h"
#include "tests/cuda/cudatest.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <mutex>

namespace bcos {
namespace {

class Nccl : public test::CudaTest {};

TEST_F(Nccl, LocalRanksSumAndBroadcastOnTheirGpus)
{
    if (!device().is_cuda())
        GTEST_SKIP() << "NCCL needs a GPU per rank (BCOS_CUDA_TESTS_ON_CPU runs the others on the CPU)";
    if (!BCOS_HAVE_NCCL)
        GTEST_SKIP() << "this build has no NCCL process group (it needs LibTorch with CUDA and nccl.h when built)";
    const int ranks = std::min<int>(2, static_cast<int>(torch::cuda::device_count()));
    std::mutex mutex;
    std::vector<std::string> failures;
    const auto check = [&](bool ok, const std::string &what) {
        if (!ok) {
            std::lock_guard lock(mutex);
            failures.push_back(what);
        }
    };
    core::runLocalRanks(ranks, std::chrono::seconds(120), [&](const std::shared_ptr<core::DistributedGroup> &group) {
        const int rank = group->rank();
        const std::string gpu = "cuda:" + std::to_string(rank);
        check(group->config().backend == core::DistributedBackend::Nccl, "rank " + std::to_string(rank) + " not NCCL");
        check(group->config().device == gpu, "rank " + std::to_string(rank) + " on " + group->config().device);

        // Whole numbers in fp32: the sum is exact in any reduction order.
        at::Tensor values = torch::arange(1000, torch::dtype(torch::kFloat).device(gpu)) * (rank + 1);
        group->allReduceSum(values, "a test sum");
        const double factor = ranks * (ranks + 1) / 2.0;
        check(torch::equal(values.cpu(), torch::arange(1000, torch::kFloat) * factor), "GPU sum");

        at::Tensor counts = torch::tensor({int64_t(rank + 1), int64_t(7)}); // on the CPU: moved there and back
        group->allReduceSum(counts, "a CPU sum");
        check(counts.device().is_cpu() && counts[0].item<int64_t>() == int64_t(factor)
                  && counts[1].item<int64_t>() == 7 * ranks, "CPU sum");

        check(group->anyRank(rank == ranks - 1, "a flag") && !group->anyRank(false, "no flag"), "anyRank");

        std::vector<at::Tensor> state{torch::full({3, 2}, double(rank + 5), torch::dtype(torch::kFloat).device(gpu)),
                                      torch::full({4}, int64_t(rank + 9), torch::dtype(torch::kLong).device(gpu))};
        group->broadcastFromRankZero(state, "a test broadcast");
        check(torch::equal(state[0].cpu(), torch::full({3, 2}, 5.0f)) && torch::equal(state[1].cpu(),
              torch::full({4}, int64_t(9))), "broadcast");
    }, "cuda");
    EXPECT_TRUE(failures.empty()) << failures.front();
}

} // namespace
} // namespace bcos
