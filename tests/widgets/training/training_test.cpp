#include "qtwait.h"

#include "core/error.h"
#include "widgets/training/trainingchartadapter.h"
#include "widgets/training/trainingcontroller.h"
#include "widgets/training/trainingpanel.h"

#include <QChart>
#include <QLineSeries>

#include <gtest/gtest.h>

#include <atomic>

namespace bcos::widgets {
namespace {

TEST(TrainingChartAdapter, SyntheticMetricsGrowTheSeries)
{
    QChart chart;
    TrainingChartAdapter adapter(&chart);
    ASSERT_EQ(chart.series().size(), 4);
    for (int step = 1; step <= 20; ++step)
        adapter.addStep({step / 10, step, 10, 20, 2.0 / step, step / 20.0, 100.0, 1e-4});
    adapter.addEpoch({0, 0.5, 0.4, 0.35, 1.0});
    adapter.addEpoch({1, 0.3, 0.6, 0.55, 1.0});
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
    controller.setTrainFunction([&steps](const TrainingSettings &settings, TrainingHooks &hooks) {
        for (int step = 1; !hooks.cancelled(); ++step) { // a synthetic trainer: runs until cancelled
            hooks.waitWhilePaused();
            hooks.step({0, step, 100, 1000, 1.0 / step, 0.5, 64.0, settings.learningRate});
            steps = step;
            if (step % 5 == 0)
                hooks.epoch({step / 5 - 1, 0.5, 0.5, 0.4, 0.1});
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
    controller.setTrainFunction([](const TrainingSettings &, TrainingHooks &) {
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

} // namespace
} // namespace bcos::widgets
