// core/cudagraph: a W(x)x pass captured as a CUDA graph and replayed on new images gives the eager pass's
// explanation (what a CPU-only build says: tests/train/gpudevices_test.cpp).
#include "core/cudagraph.h"
#include "core/explain/wxx.h"
#include "core/models/family.h"
#include "tests/cuda/cudatest.h"

#include <torch/torch.h>

namespace bcos {
namespace {

class CudaGraphsCuda : public test::CudaTest {
protected:
    void SetUp() override
    {
        test::CudaTest::SetUp();
        if (!IsSkipped() && !device().is_cuda())
            GTEST_SKIP() << "CUDA graphs need a GPU (BCOS_CUDA_TESTS_ON_CPU runs this suite on the CPU)";
    }
};

TEST_F(CudaGraphsCuda, AWxxPassReplaysAsTheEagerPassOnNewImages)
{
    core::ModelDescription description;
    description.architecture = core::resolveArchitecture("resnet18");
    description.bcos.enabled = true;
    torch::manual_seed(3);
    core::Network network = core::buildNetwork(description);
    network->to(device());
    network->eval();
    const auto images = torch::rand({2, 3, 64, 64}, torch::TensorOptions(device()));
    core::WxxResult result;
    core::CapturedWork graph([&] { result = core::explainWxx(*network, images); });
    for (int round = 0; round < 2; ++round) {
        const auto fresh = torch::rand_like(images);
        images.copy_(fresh);
        graph.replay();
        const core::WxxResult eager = core::explainWxx(*network, fresh);
        EXPECT_TRUE(result.targets.equal(eager.targets)) << round;
        // The same kernels on the same inputs; cuDNN may pick another algorithm outside the graph: fp32 rounding
        // of sums over a few thousand terms per location.
        const double scale = eager.contributions.abs().max().item<double>();
        EXPECT_LE((result.contributions - eager.contributions).abs().max().item<double>(), 1e-4 * scale) << round;
        EXPECT_LE((result.logits - eager.logits).abs().max().item<double>(),
                  1e-4 * eager.logits.abs().max().item<double>()) << round;
    }
}

} // namespace
} // namespace bcos
