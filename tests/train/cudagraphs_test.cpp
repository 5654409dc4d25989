// Training steps replayed as CUDA graphs (TrainOptions::cudaGraphs), on the CPU: a stand-in for the graph
// runs everything around it -- warm-up steps, static inputs and outputs, the optimiser's device
// scalars, the fallback for batches of another shape and for a failed capture, checkpoints -- against the same run
// stepped eagerly (test::RecordedWork stands in for the graph). The real capture on a GPU: tests/cuda/cudagraph_test.cpp.
#include "core/train/trainer.h"
#include "tests/support/tinytraining.h"
#include "tests/support/recordedwork.h"
#include "tests/support/tempdir.h"
#include "tests/support/trainrecorder.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace bcos {
namespace {

struct TrainRun {
    core::TrainReport report;
    test::TrainRecorder recorder;
    core::Network network{nullptr};
    int replays = 0;
};

/// Trains test::graphTestNetwork() with `options`; with graphs, through test::RecordedWork (or `capture` when given).
void train(TrainRun &run, const core::TrainOptions &options,
           std::function<std::unique_ptr<core::ReplayableWork>(const std::function<void()> &)> capture = nullptr,
           core::TrainControl *control = nullptr)
{
    const auto data = test::graphTestData();
    run.network = test::graphTestNetwork();
    core::TrainHooks hooks;
    hooks.observer = &run.recorder;
    hooks.control = control;
    run.recorder.control = control;
    if (options.cudaGraphs)
        hooks.captureStep = capture ? capture : [&run](const std::function<void()> &work) {
            return std::make_unique<test::RecordedWork>(work, run.replays);
        };
    run.report = core::Trainer(options, {data, data}, run.network, hooks).run();
}

/// The largest difference between the two networks' parameters, relative to 1 + the parameter's magnitude.
double largestDifference(core::NetworkImpl &a, core::NetworkImpl &b)
{
    double largest = 0.0;
    const auto pb = b.named_parameters();
    for (const auto &item : a.named_parameters()) {
        const auto difference = (item.value() - pb[item.key()]).abs() / (1 + item.value().abs());
        largest = std::max(largest, difference.max().item<double>());
    }
    return largest;
}

bool contains(const std::vector<std::string> &messages, const std::string &message)
{
    return std::find(messages.begin(), messages.end(), message) != messages.end();
}

// Each replay differs from an eager step by fp32 rounding in the optimiser's last two operations (the graphed update
// multiplies by the step size after the division; tests/train/multitensoroptim_test.cpp): up to 2 ulp of the update
// (|update| <= lr = 1e-2) and 1 ulp of the parameter per step, relative to 1 + |p| about 2 eps. Over 12 steps, with a
// factor 4 for what the gradients carry on: 12 x 8 eps = 1.1e-5 (measured: 2.3e-8). A graph that baked in a learning
// rate or a bias correction, an update applied twice or not at all, or gradients accumulated across replays moves the
// parameters by 1e-4 and more (measured: 5e-3 for the last).
constexpr double kParameterTolerance = 12 * 8 * std::numeric_limits<float>::epsilon();

TEST(GraphedTrainingSteps, ReplayLikeEagerStepsAndFallBackForTheLastBatch)
{
    test::TempDir eagerDir, graphDir;
    TrainRun eager, graphed;
    auto options = test::graphTestOptions(eagerDir.path(), "cpu");
    train(eager, options);
    options.runDirectory = graphDir.path();
    options.cudaGraphs = true;
    train(graphed, options);
    ASSERT_EQ(eager.report.outcome, core::TrainOutcome::Completed);
    ASSERT_EQ(graphed.report.outcome, core::TrainOutcome::Completed) << graphed.report.message;
    EXPECT_TRUE(graphed.recorder.start.notes.empty());
    // Epoch 1: steps 1-3 warm up, 4 is captured and replayed, 5 replays, the 8 images of step 6 run eagerly; epoch 2:
    // five replays and the short batch.
    EXPECT_EQ(graphed.replays, 7);
    EXPECT_TRUE(contains(graphed.recorder.messages, "CUDA graphs: from step 4 on, each step of 16 images replays as "
                                                    "one graph (3 warm-up steps ran one by one)"));
    EXPECT_TRUE(contains(graphed.recorder.messages, "CUDA graphs: a batch of 8 images ran without the graph (it holds "
                                                    "batches of 16); further batches of other shapes do so silently"));
    ASSERT_EQ(graphed.recorder.steps.size(), 12u);
    ASSERT_EQ(eager.recorder.steps.size(), 12u);
    for (size_t i = 0; i < 12; ++i) {
        const double a = eager.recorder.steps[i].loss, b = graphed.recorder.steps[i].loss;
        if (i < 3) // the warm-ups are eager steps on the same weights
            EXPECT_EQ(a, b) << "step " << i + 1;
        else
            EXPECT_NEAR(a, b, kParameterTolerance * (1 + std::abs(a))) << "step " << i + 1;
        EXPECT_EQ(eager.recorder.steps[i].top1, graphed.recorder.steps[i].top1) << "step " << i + 1;
    }
    const double difference = largestDifference(*eager.network, *graphed.network);
    std::cout << "largest parameter difference, graphed vs eager, relative to 1 + |p|: " << difference << "\n";
    EXPECT_LE(difference, kParameterTolerance);
    EXPECT_GT(largestDifference(*eager.network, *test::graphTestNetwork()), 100 * kParameterTolerance); // the runs did train
    ASSERT_EQ(graphed.report.epochs.size(), 2u);
    EXPECT_NEAR(graphed.report.epochs[1].valLoss, eager.report.epochs[1].valLoss, kParameterTolerance);
}

TEST(GraphedTrainingSteps, AFailedCaptureTrainsOnEagerlyWithAMessage)
{
    test::TempDir eagerDir, graphDir;
    TrainRun eager, graphed;
    train(eager, test::graphTestOptions(eagerDir.path(), "cpu"));
    auto options = test::graphTestOptions(graphDir.path(), "cpu");
    options.cudaGraphs = true;
    int captures = 0;
    train(graphed, options, [&captures](const std::function<void()> &) -> std::unique_ptr<core::ReplayableWork> {
        ++captures;
        throw std::runtime_error("operation not permitted when stream is capturing");
    });
    ASSERT_EQ(graphed.report.outcome, core::TrainOutcome::Completed) << graphed.report.message;
    EXPECT_EQ(captures, 1); // graphs are off from then on
    EXPECT_TRUE(contains(graphed.recorder.messages,
                         "CUDA graphs: the training step could not be captured (operation not permitted when stream "
                         "is capturing); the steps run one by one from here on"));
    // The failed capture ran no step and took back the step count it had advanced: the same run, bit for bit.
    const auto pa = eager.network->named_parameters(), pb = graphed.network->named_parameters();
    for (const auto &item : pa)
        EXPECT_TRUE(torch::equal(item.value(), pb[item.key()])) << item.key();
}

TEST(GraphedTrainingSteps, AGraphedRunsCheckpointResumesEagerly)
{
    test::TempDir eagerDir, graphDir;
    TrainRun eager, cancelled, resumed;
    train(eager, test::graphTestOptions(eagerDir.path(), "cpu"));
    auto options = test::graphTestOptions(graphDir.path(), "cpu");
    options.cudaGraphs = true;
    core::TrainControl control;
    cancelled.recorder.cancelAfterStep = 5; // two replays into epoch 1
    train(cancelled, options, nullptr, &control);
    ASSERT_EQ(cancelled.report.outcome, core::TrainOutcome::Cancelled);
    EXPECT_EQ(cancelled.replays, 2);
    options.cudaGraphs = false;
    options.resume = true;
    train(resumed, options);
    ASSERT_EQ(resumed.report.outcome, core::TrainOutcome::Completed) << resumed.report.message;
    EXPECT_EQ(resumed.recorder.start.startBatch, 5);
    // The checkpoint holds the optimiser's step counts as the replays advanced them: Adam's bias corrections for
    // steps 6-12 then match the eager run's (off by the 2 replayed steps, they would move the weights by ~1e-3).
    EXPECT_LE(largestDifference(*eager.network, *resumed.network), kParameterTolerance);
}

} // namespace
} // namespace bcos
