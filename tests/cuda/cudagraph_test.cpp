// core/cudagraph: a W(x)x pass captured as a CUDA graph and replayed on new images gives the eager pass's
// explanation, also through core::WxxGraphs (what explainWxx() uses when enabled); `bcos train --cuda-graphs`
// (whole training steps replayed) trains like eager steps. What a CPU-only build says: tests/train/gpudevices_test.cpp;
// the code around the graphs runs on the CPU with a stand-in for them: tests/train/cudagraphs_test.cpp,
// tests/explain/wxxgraphs_test.cpp.
#include "core/cudagraph.h"
#include "core/explain/wxx.h"
#include "core/explain/wxxgraphs.h"
#include "core/models/family.h"
#include "core/train/trainer.h"
#include "tests/cuda/cudatest.h"
#include "tests/support/tinytraining.h"
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

/// A B-cos ResNet-18 of seeded random weights on `device`.
core::Network bcosResnet18(uint64_t seed, const c10::Device &device)
{
    core::ModelDescription description;
    description.architecture = core::resolveArchitecture("resnet18");
    description.bcos.enabled = true;
    torch::manual_seed(seed);
    core::Network network = core::buildNetwork(description);
    network->to(device);
    return network;
}

TEST_F(CudaGraphsCuda, AWxxPassReplaysAsTheEagerPassOnNewImages)
{
    core::Network network = bcosResnet18(3, device());
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

TEST_F(CudaGraphsCuda, ExplanationsReplayPerImageSizeAsEagerPasses)
{
    core::Network network = bcosResnet18(4, device());
    core::WxxGraphs graphs; // real CUDA graphs (core::CapturedWork)
    for (int pass = 0; pass < 4; ++pass) {
        const auto images = torch::rand({1, 3, 64, 64}, torch::TensorOptions(device()));
        const auto targets = pass == 3 ? torch::tensor({7}, torch::kLong) : at::Tensor();
        const core::WxxResult graphed = graphs.explain(*network, images, targets);
        const core::WxxResult eager = core::explainWxx(*network, images, targets); // graphs are off by default
        EXPECT_TRUE(graphed.targets.equal(eager.targets)) << pass;
        const double scale = eager.contributions.abs().max().item<double>();
        EXPECT_LE((graphed.contributions - eager.contributions).abs().max().item<double>(), 1e-4 * scale) << pass;
        EXPECT_LE((graphed.dynamicWeights - eager.dynamicWeights).abs().max().item<double>(),
                  1e-4 * eager.dynamicWeights.abs().max().item<double>()) << pass;
    }
    EXPECT_EQ(graphs.disabledReason(), "");
    EXPECT_EQ(graphs.graphCount(), 1u); // passes 2 and 3 replayed it; 4 (targets given) warmed up its own
    EXPECT_EQ(graphs.replays(), 2);
}

struct GraphRun {
    core::TrainReport report;
    test::TrainRecorder recorder;
    core::Network network{nullptr};
};

/// The graph tests' small training (tests/support/tinytraining.h) on the GPU, eagerly or with graphs.
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
