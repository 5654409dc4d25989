// core/cudagraph: a W(x)x pass captured as a CUDA graph and replayed on new images gives the eager pass's
// explanation; `bcos train --cuda-graphs` (whole training steps replayed) trains like eager steps (what a CPU-only
// build says: tests/train/gpudevices_test.cpp; the same trainer runs with a stand-in for the graph on the CPU:
// tests/train/cudagraphs_test.cpp).
#include "core/cudagraph.h"
#include "core/explain/wxx.h"
#include "core/models/family.h"
#include "core/train/trainer.h"
#include "tests/cuda/cudatest.h"
#include "tests/support/graphtraining.h"
#include "tests/support/tempdir.h"
#include "tests/support/trainrecorder.h"

#include <ATen/Context.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

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

struct GraphRun {
    core::TrainReport report;
    test::TrainRecorder recorder;
    core::Network network{nullptr};
};

/// The graph tests' small training (tests/support/graphtraining.h) on the GPU, eagerly or with graphs.
void trainTiny(GraphRun &run, const c10::Device &device, bool graphs, bool bf16 = false)
{
    run.network = test::graphTestNetwork();
    test::TempDir dir;
    auto options = test::graphTestOptions(dir.path(), device.str());
    options.cudaGraphs = graphs;
    options.bf16 = options.channelsLast = bf16;
    core::TrainHooks hooks;
    hooks.observer = &run.recorder;
    run.report = core::Trainer(options, {test::graphTestData(), test::graphTestData()}, run.network, hooks).run();
}

bool captured(const test::TrainRecorder &recorder)
{
    return std::any_of(recorder.messages.begin(), recorder.messages.end(), [](const std::string &message) {
        return message == "CUDA graphs: from step 4 on, each step of 16 images replays as one graph (3 warm-up steps "
                          "ran one by one)";
    });
}

TEST_F(CudaGraphsCuda, TrainingStepsReplayLikeEagerSteps)
{
    at::globalContext().setDeterministicCuDNN(true); // the same convolution algorithms in both runs
    at::globalContext().setBenchmarkCuDNN(false);
    GraphRun eager, graphed;
    trainTiny(eager, device(), false);
    trainTiny(graphed, device(), true);
    ASSERT_EQ(graphed.report.outcome, core::TrainOutcome::Completed) << graphed.report.message;
    for (const auto &message : graphed.recorder.messages)
        std::cout << "message: " << message << "\n";
    EXPECT_TRUE(captured(graphed.recorder));
    // The graphed optimiser step rounds differently from the eager one (tests/train/cudagraphs_test.cpp: 1e-4 over
    // 12 steps on the CPU); 10x looser on a GPU.
    const double tolerance = 1e-4 * looser();
    const auto eagerParameters = eager.network->named_parameters();
    for (const auto &item : graphed.network->named_parameters()) {
        const auto difference = ((item.value() - eagerParameters[item.key()]).abs() / (1 + item.value().abs()))
                                    .max().item<double>();
        EXPECT_LE(difference, tolerance) << item.key();
    }
    ASSERT_EQ(graphed.recorder.steps.size(), eager.recorder.steps.size());
    for (size_t i = 0; i < eager.recorder.steps.size(); ++i)
        EXPECT_NEAR(graphed.recorder.steps[i].loss, eager.recorder.steps[i].loss,
                    tolerance * (1 + std::abs(eager.recorder.steps[i].loss))) << "step " << i + 1;

    GraphRun mixed; // bf16 autocast and channels-last inside the graph
    trainTiny(mixed, device(), true, true);
    ASSERT_EQ(mixed.report.outcome, core::TrainOutcome::Completed) << mixed.report.message;
    EXPECT_TRUE(captured(mixed.recorder));
    EXPECT_LT(mixed.report.epochs[1].trainLoss, mixed.report.epochs[0].trainLoss);
}

} // namespace
} // namespace bcos
