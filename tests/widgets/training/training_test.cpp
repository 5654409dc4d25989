#include "qtwait.h"
#include "tests/support/tempdir.h"

#include "core/error.h"
#include "core/data/dataset.h"
#include "core/models/simplecnn.h"
#include "core/train/trainer.h"
#include "widgets/training/trainingchartadapter.h"
#include "widgets/training/trainingcontroller.h"
#include "widgets/training/trainingpanel.h"

#include <QChart>
#include <QLabel>
#include <QLineSeries>

#include <gtest/gtest.h>

#include <torch/torch.h>

#include <atomic>

namespace bcos::widgets {
namespace {

/// The core's StepMetrics with the fields the studio draws.
core::StepMetrics stepMetrics(int64_t epoch, int64_t globalStep, int64_t stepsPerEpoch, int64_t totalSteps, double loss,
                              double top1, double imagesPerSecond, double learningRate)
{
    core::StepMetrics m;
    m.epoch = epoch;
    m.globalStep = globalStep;
    m.stepInEpoch = globalStep - epoch * stepsPerEpoch;
    m.stepsPerEpoch = stepsPerEpoch;
    m.totalSteps = totalSteps;
    m.loss = loss;
    m.top1 = top1;
    m.imagesPerSecond = imagesPerSecond;
    m.learningRate = learningRate;
    return m;
}

/// The core's EpochMetrics with the fields the chart draws.
core::EpochMetrics epochMetrics(int64_t epoch, double trainLoss, double trainTop1, double valTop1, double seconds)
{
    core::EpochMetrics m;
    m.epoch = epoch;
    m.trainLoss = trainLoss;
    m.trainTop1 = trainTop1;
    m.valTop1 = valTop1;
    m.seconds = seconds;
    return m;
}

/// An in-memory dataset: images [N, 3, H, W] in [0, 1], labels [N].
class TinyDataset : public core::Dataset {
public:
    TinyDataset(at::Tensor images, at::Tensor labels)
        : m_images(std::move(images))
        , m_labels(std::move(labels))
    {
    }
    int64_t size() const override { return m_images.size(0); }
    int64_t numClasses() const override { return 4; }
    std::vector<std::string> classNames() const override { return {"a", "b", "c", "d"}; }
    core::Sample get(int64_t index) const override { return {m_images[index], m_labels[index].item<int64_t>()}; }

private:
    at::Tensor m_images, m_labels;
};

/// What a core::Trainer does between steps: wait while paused; false once cancelled.
bool waitLikeTheCore(const core::TrainControl &control)
{
    while (control.pause.load() && !control.cancel.load())
        QThread::msleep(2);
    return !control.cancel.load();
}

TEST(TrainingChartAdapter, SyntheticMetricsGrowTheSeries)
{
    QChart chart;
    TrainingChartAdapter adapter(&chart);
    ASSERT_EQ(chart.series().size(), 4);
    for (int step = 1; step <= 20; ++step)
        adapter.addStep(stepMetrics(step / 10, step, 10, 20, 2.0 / step, step / 20.0, 100.0, 1e-4));
    adapter.addEpoch(epochMetrics(0, 0.5, 0.4, 0.35, 1.0));
    adapter.addEpoch(epochMetrics(1, 0.3, 0.6, 0.55, 1.0));
    ASSERT_EQ(adapter.trainLoss()->count(), 20);
    EXPECT_EQ(adapter.trainAccuracy()->count(), 20);
    ASSERT_EQ(adapter.valAccuracy()->count(), 2);
    EXPECT_DOUBLE_EQ(adapter.trainLoss()->at(0).x(), 0.1); // fractional epoch
    EXPECT_DOUBLE_EQ(adapter.trainLoss()->at(0).y(), 2.0);
    EXPECT_DOUBLE_EQ(adapter.valAccuracy()->at(1).x(), 2.0);
    EXPECT_DOUBLE_EQ(adapter.valAccuracy()->at(1).y(), 0.55);
    EXPECT_FALSE(adapter.reference()->isVisible());
    adapter.setReferenceAccuracy(0.7);
    ASSERT_EQ(adapter.reference()->count(), 2);
    EXPECT_DOUBLE_EQ(adapter.reference()->at(1).y(), 0.7);
    EXPECT_GE(adapter.reference()->at(1).x(), 2.0); // spans the x range
    adapter.clear();
    EXPECT_EQ(adapter.trainLoss()->count(), 0);
    EXPECT_EQ(adapter.reference()->count(), 2);
}

TEST(TrainingController, WithoutATrainerStartFailsWithAClearMessage)
{
    TrainingController controller;
    QString message;
    QObject::connect(&controller, &TrainingController::failed, [&](const QString &m) { message = m; });
    controller.start({});
    EXPECT_EQ(message, QStringLiteral("Training is not available in this build: the trainer has not been linked in."));
    EXPECT_EQ(controller.state(), TrainingController::State::Idle);
}

TEST(TrainingController, HooksBecomeSignalsAndPauseResumeCancelWork)
{
    TrainingController controller;
    std::atomic<int> steps{0};
    controller.setTrainFunction([&steps](const TrainingSettings &settings, const core::TrainHooks &hooks) {
        for (int step = 1; waitLikeTheCore(*hooks.control); ++step) { // a synthetic trainer: runs until cancelled
            hooks.observer->onStep(stepMetrics(0, step, 100, 1000, 1.0 / step, 0.5, 64.0, settings.learningRate));
            steps = step;
            if (step % 5 == 0)
                hooks.observer->onEpoch(epochMetrics(step / 5 - 1, 0.5, 0.5, 0.4, 0.1));
            QThread::msleep(2);
        }
    });
    QChart chart;
    TrainingChartAdapter adapter(&chart);
    QObject::connect(&controller, &TrainingController::stepMetrics, &adapter, &TrainingChartAdapter::addStep);
    bool finishedCancelled = false;
    QObject::connect(&controller, &TrainingController::finished, [&](bool c) { finishedCancelled = c; });
    controller.start({});
    EXPECT_EQ(controller.state(), TrainingController::State::Running);
    ASSERT_TRUE(test::waitUntil([&] { return adapter.trainLoss()->count() >= 10; }));
    controller.pause();
    EXPECT_EQ(controller.state(), TrainingController::State::Paused);
    test::waitUntil([] { return false; }, 100); // let in-flight steps arrive
    const int pausedAt = steps;
    test::waitUntil([] { return false; }, 100);
    EXPECT_LE(steps - pausedAt, 1);
    controller.resume();
    ASSERT_TRUE(test::waitUntil([&] { return steps > pausedAt + 3; }));
    controller.cancel();
    ASSERT_TRUE(test::waitUntil([&] { return controller.state() == TrainingController::State::Idle; }));
    EXPECT_TRUE(finishedCancelled);
}

TEST(TrainingController, ATrainerErrorBecomesFailed)
{
    TrainingController controller;
    controller.setTrainFunction([](const TrainingSettings &, const core::TrainHooks &) {
        core::fail(core::ErrorCode::Io, "{}: no such dataset folder", "/data/missing");
    });
    QString message;
    QObject::connect(&controller, &TrainingController::failed, [&](const QString &m) { message = m; });
    controller.start({});
    ASSERT_TRUE(test::waitUntil([&] { return !message.isEmpty(); }));
    EXPECT_EQ(message, QStringLiteral("/data/missing: no such dataset folder"));
}

TEST(TrainingPanel, FormStartsWithThePaperDefaults)
{
    TrainingController controller;
    TrainingPanel panel(controller, {{QStringLiteral("cpu"), QStringLiteral("CPU")}});
    const TrainingSettings s = panel.settings();
    EXPECT_DOUBLE_EQ(s.b, 2.0);
    EXPECT_DOUBLE_EQ(s.learningRate, 1e-4);
    EXPECT_EQ(s.batchSize, 64);
    EXPECT_TRUE(s.adaptiveGradientClipping);
    EXPECT_EQ(s.device, QStringLiteral("cpu"));
    EXPECT_EQ(s.precision, QStringLiteral("fp32"));
}

TEST(TrainingPanel, ShowsTheCoresEtaAndValidationMetrics)
{
    TrainingController controller;
    controller.setTrainFunction([](const TrainingSettings &, const core::TrainHooks &hooks) {
        core::StepMetrics step = stepMetrics(0, 10, 100, 1000, 0.5, 0.5, 1.0, 1e-4);
        step.etaSeconds = 3723.4; // the core's estimate (its own batch size, paused time left out)
        step.batchSize = 32;
        hooks.observer->onStep(step);
        core::EpochMetrics epoch = epochMetrics(0, 0.5, 0.6, 0.8, 1.0);
        epoch.valLoss = 0.25;
        epoch.valTop5 = 0.95;
        hooks.observer->onEpoch(epoch);
    });
    TrainingPanel panel(controller, {{QStringLiteral("cpu"), QStringLiteral("CPU")}});
    auto *eta = panel.findChild<QLabel *>(QStringLiteral("eta"));
    auto *validation = panel.findChild<QLabel *>(QStringLiteral("validation"));
    ASSERT_NE(eta, nullptr);
    ASSERT_NE(validation, nullptr);
    controller.start(panel.settings()); // the form's batch size (64) plays no part in the ETA
    ASSERT_TRUE(test::waitUntil([&] { return controller.state() == TrainingController::State::Idle; }));
    EXPECT_EQ(eta->text(), QStringLiteral("ETA 1:02:03"));
    EXPECT_EQ(validation->text(), QStringLiteral("Epoch 1: validation loss 0.250, top-1 80.0 %, top-5 95.0 %"));
}

TEST(TrainingController, PauseAndCancelAreTheCoresTrainControl)
{
    TrainingController controller;
    std::atomic<bool> sawPause{false}, sawResume{false};
    std::atomic<int> steps{0};
    controller.setTrainFunction([&](const TrainingSettings &, const core::TrainHooks &hooks) {
        ASSERT_NE(hooks.control, nullptr);
        ASSERT_NE(hooks.observer, nullptr);
        EXPECT_FALSE(hooks.probe); // no probe images in the settings
        while (!hooks.control->cancel.load()) {
            if (hooks.control->pause.load())
                sawPause = true;
            else if (sawPause)
                sawResume = true;
            ++steps;
            QThread::msleep(2);
        }
    });
    controller.start({});
    ASSERT_TRUE(test::waitUntil([&] { return steps > 0; }));
    controller.pause();
    ASSERT_TRUE(test::waitUntil([&] { return sawPause.load(); }));
    EXPECT_FALSE(sawResume);
    controller.resume();
    ASSERT_TRUE(test::waitUntil([&] { return sawResume.load(); }));
    bool cancelled = false;
    QObject::connect(&controller, &TrainingController::finished, [&](bool c) { cancelled = c; });
    controller.cancel();
    ASSERT_TRUE(test::waitUntil([&] { return controller.state() == TrainingController::State::Idle; }));
    EXPECT_TRUE(cancelled);
}

TEST(TrainingController, ACoreTrainerTakesNoStepWhileTheStudioPausesIt)
{
    // The real core::Trainer on a tiny in-memory problem: the studio's pause is the core's TrainControl::pause, so
    // the trainer itself waits (and says so: "paused", "resumed"), which is where it keeps the paused time out of
    // etaSeconds (tests/train covers that accounting; a timed check here would be flaky on a busy machine).
    test::TempDir run;
    TrainingController controller;
    controller.setTrainFunction([&run](const TrainingSettings &, const core::TrainHooks &hooks) {
        torch::manual_seed(0);
        // 2048 steps of batch 2: seconds of training, far more than the test lets run before it cancels.
        auto data = std::make_shared<TinyDataset>(torch::rand({4096, 3, 8, 8}), torch::randint(0, 4, {4096}));
        core::SimpleCnnOptions net;
        net.numClasses = 4;
        net.widths = {8, 8};
        core::TrainOptions options;
        options.mode = core::TrainMode::Scratch;
        options.runDirectory = run.path();
        options.epochs = 1;
        options.batchSize = 2;
        options.logEvery = 1;
        core::Trainer trainer(options, {data, nullptr}, core::buildSimpleCnn(net), hooks);
        trainer.run();
    });
    QVector<core::StepMetrics> seen;
    QStringList messages;
    QObject::connect(&controller, &TrainingController::stepMetrics, [&](const core::StepMetrics &m) { seen << m; });
    QObject::connect(&controller, &TrainingController::message, [&](const QString &text) { messages << text; });
    controller.start({});
    ASSERT_TRUE(test::waitUntil([&] { return seen.size() >= 3; }));
    controller.pause();
    // The core says "paused" once it waits; the step it was taking has been reported before that.
    ASSERT_TRUE(test::waitUntil([&] { return messages.contains(QStringLiteral("paused")); }));
    const int pausedAt = static_cast<int>(seen.size());
    test::waitUntil([] { return false; }, 500);
    EXPECT_EQ(static_cast<int>(seen.size()), pausedAt); // the trainer waits in TrainControl::pause
    controller.resume();
    ASSERT_TRUE(test::waitUntil([&] { return static_cast<int>(seen.size()) >= pausedAt + 3; }));
    EXPECT_TRUE(messages.contains(QStringLiteral("resumed")));
    EXPECT_GT(seen.last().etaSeconds, 0.0); // the core's estimate, passed on unchanged
    EXPECT_EQ(seen.last().batchSize, 2);
    controller.cancel();
    ASSERT_TRUE(test::waitUntil([&] { return controller.state() == TrainingController::State::Idle; }, 60000));
}

} // namespace
} // namespace bcos::widgets
