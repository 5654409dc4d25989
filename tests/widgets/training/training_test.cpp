#include "qtwait.h"
#include "tests/support/buildpaths.h"
#include "tests/support/errorof.h"
#include "tests/support/tempdir.h"

#include "core/error.h"
#include "core/data/dataset.h"
#include "core/models/modelfile.h"
#include "core/models/simplecnn.h"
#include "core/train/runlog.h"
#include "core/train/trainer.h"
#include "widgets/session/demodata.h"
#include "widgets/session/modelloading.h"
#include "widgets/training/coretrainer.h"
#include "widgets/training/runspanel.h"
#include "widgets/training/trainingchartadapter.h"
#include "widgets/training/trainingcontroller.h"
#include "widgets/training/trainingpanel.h"

#include <QChart>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

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

TEST(TrainingChartAdapter, OneEpochIsAVisiblePointAndTheAxesFitTheData)
{
    QChart chart;
    TrainingChartAdapter adapter(&chart);
    for (int step = 1; step <= 10; ++step) // one epoch of 10 steps, loss 1.2 -> 0.75
        adapter.addStep(stepMetrics(0, step, 10, 10, 1.25 - 0.05 * step, 0.3 + 0.02 * step, 100.0, 1e-4));
    adapter.addEpoch(epochMetrics(0, 0.9, 0.45, 0.62, 1.0));
    ASSERT_EQ(adapter.valAccuracy()->count(), 1);
    EXPECT_TRUE(adapter.valAccuracy()->pointsVisible()); // a one-point series is a marker, not nothing
    EXPECT_GT(adapter.valAccuracy()->markerSize(), 4.0);
    EXPECT_TRUE(adapter.trainLoss()->pointsVisible()); // few steps: each one visible
    // x: whole epochs with integer ticks.
    EXPECT_DOUBLE_EQ(adapter.axisX()->min(), 0.0);
    EXPECT_DOUBLE_EQ(adapter.axisX()->max(), 1.0);
    EXPECT_EQ(adapter.axisX()->labelFormat(), QStringLiteral("%d"));
    EXPECT_EQ(adapter.axisX()->tickType(), QValueAxis::TicksDynamic);
    EXPECT_DOUBLE_EQ(adapter.axisX()->tickInterval(), 1.0);
    // Loss 0.75..1.2 with a margin, not 0..1 (which clipped 1.2) nor 0..huge.
    EXPECT_LT(adapter.axisLoss()->min(), 0.75);
    EXPECT_GT(adapter.axisLoss()->min(), 0.3);
    EXPECT_GT(adapter.axisLoss()->max(), 1.2);
    EXPECT_LT(adapter.axisLoss()->max(), 1.7);
    // Accuracy 0.32..0.62 with a margin, inside [0, 1].
    EXPECT_LT(adapter.axisAccuracy()->min(), 0.32);
    EXPECT_GE(adapter.axisAccuracy()->min(), 0.0);
    EXPECT_GT(adapter.axisAccuracy()->max(), 0.62);
    EXPECT_LE(adapter.axisAccuracy()->max(), 1.0);
    EXPECT_LT(adapter.axisAccuracy()->max(), 0.9);
    // A long run: x to the last epoch, ticks every 2 epochs; markers only on the per-epoch curve.
    for (int epoch = 1; epoch < 12; ++epoch)
        for (int step = 1; step <= 10; ++step)
            adapter.addStep(stepMetrics(epoch, epoch * 10 + step, 10, 120, 0.7, 0.8, 100.0, 1e-4));
    for (int epoch = 1; epoch < 12; ++epoch)
        adapter.addEpoch(epochMetrics(epoch, 0.7, 0.8, 0.99, 1.0));
    EXPECT_DOUBLE_EQ(adapter.axisX()->max(), 12.0);
    EXPECT_DOUBLE_EQ(adapter.axisX()->tickInterval(), 2.0);
    EXPECT_FALSE(adapter.trainLoss()->pointsVisible());
    EXPECT_TRUE(adapter.valAccuracy()->pointsVisible());
    EXPECT_DOUBLE_EQ(adapter.axisAccuracy()->max(), 1.0); // 0.99 + margin, clamped
    adapter.clear();
    EXPECT_DOUBLE_EQ(adapter.axisX()->max(), 1.0);
}

TEST(TrainingPanel, ButtonsAndProbeStripStayInViewInALowDock)
{
    TrainingController controller;
    TrainingPanel panel(controller, {{QStringLiteral("cpu"), QStringLiteral("CPU")}});
    // A 1366 x 768 screen leaves the bottom dock about 280 pixels.
    EXPECT_LE(panel.minimumSizeHint().height(), 280);
    panel.resize(1300, 280);
    panel.show();
    QCoreApplication::processEvents();
    for (const QString &text : {QStringLiteral("Start"), QStringLiteral("Pause"), QStringLiteral("Resume"), QStringLiteral("Cancel")}) {
        QPushButton *button = nullptr;
        for (QPushButton *candidate : panel.findChildren<QPushButton *>())
            if (candidate->text() == text)
                button = candidate;
        ASSERT_NE(button, nullptr) << text.toStdString();
        const QRect inPanel(button->mapTo(&panel, QPoint(0, 0)), button->size());
        EXPECT_TRUE(panel.rect().contains(inPanel)) << text.toStdString();
    }
    auto *chart = panel.findChild<QChartView *>();
    ASSERT_NE(chart, nullptr);
    EXPECT_GE(chart->height(), 150);
    QLabel *probeTitle = nullptr;
    for (QLabel *label : panel.findChildren<QLabel *>())
        if (label->text().startsWith(QStringLiteral("W(x)x of the first four")))
            probeTitle = label;
    ASSERT_NE(probeTitle, nullptr);
    EXPECT_TRUE(panel.rect().contains(QRect(probeTitle->mapTo(&panel, QPoint(0, 0)), probeTitle->size())));
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
    EXPECT_FALSE(s.bf16);
    EXPECT_FALSE(s.cudaGraphs);
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
        options.device = "cpu";
        options.cudaGraphs = true; // a note at the start (the log once, not twice)
        core::Trainer trainer(options, {data, nullptr}, core::buildSimpleCnn(net), hooks);
        trainer.run();
    });
    QVector<core::StepMetrics> seen;
    QStringList messages;
    QObject::connect(&controller, &TrainingController::stepMetrics, [&](const core::StepMetrics &m) { seen << m; });
    QObject::connect(&controller, &TrainingController::message, [&](const QString &text) { messages << text; });
    QStringList written;
    QObject::connect(&controller, &TrainingController::modelWritten, [&](const QString &path, bool final) {
        written << path + (final ? QStringLiteral(" (final)") : QStringLiteral(" (paused)"));
    });
    controller.start({});
    ASSERT_TRUE(test::waitUntil([&] { return seen.size() >= 3; }));
    EXPECT_EQ(messages.count(QStringLiteral("CUDA graphs need a CUDA device; the steps run one by one")), 1)
        << messages.join('|').toStdString();
    controller.pause();
    // The core says "paused" once it waits (with the model so far, written for the studio to open); the step it
    // was taking has been reported before that.
    const QString model = QString::fromStdString((run.path() / "model.safetensors").string());
    ASSERT_TRUE(test::waitUntil([&] { return !written.isEmpty(); }));
    EXPECT_EQ(written, QStringList{model + QStringLiteral(" (paused)")});
    EXPECT_TRUE(messages.contains(QStringLiteral("paused; the model so far is in ") + model)) << messages.join('|').toStdString();
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

TEST(TrainingSettings, JsonRoundTripKeepsEveryFormField)
{
    TrainingSettings s;
    s.b = 1.5;
    s.learningRate = 3e-3;
    s.epochs = 7;
    s.batchSize = 32;
    s.adaptiveGradientClipping = false;
    s.bf16 = true;
    s.cudaGraphs = true;
    s.device = QStringLiteral("cuda:1");
    s.datasetKind = core::DatasetKind::Cifar;
    s.datasetPath = QStringLiteral("/data/cifar");
    s.mode = core::TrainMode::Scratch;
    s.maxSamples = 500;
    s.localRanks = 4;
    const QJsonObject json = trainingSettingsToJson(s);
    EXPECT_EQ(json.value(QStringLiteral("dataset")).toString(), QStringLiteral("cifar"));
    EXPECT_EQ(json.value(QStringLiteral("mode")).toString(), QStringLiteral("scratch"));
    const TrainingSettings back = trainingSettingsFromJson(json);
    EXPECT_DOUBLE_EQ(back.b, 1.5);
    EXPECT_DOUBLE_EQ(back.learningRate, 3e-3);
    EXPECT_EQ(back.epochs, 7);
    EXPECT_EQ(back.batchSize, 32);
    EXPECT_FALSE(back.adaptiveGradientClipping);
    EXPECT_TRUE(back.bf16);
    EXPECT_TRUE(back.cudaGraphs);
    EXPECT_EQ(back.device, QStringLiteral("cuda:1"));
    EXPECT_EQ(back.datasetKind, core::DatasetKind::Cifar);
    EXPECT_EQ(back.datasetPath, QStringLiteral("/data/cifar"));
    EXPECT_EQ(back.mode, core::TrainMode::Scratch);
    EXPECT_EQ(back.maxSamples, 500);
    EXPECT_EQ(back.localRanks, 4);
    // Unknown names and missing fields keep the defaults given.
    TrainingSettings defaults;
    defaults.epochs = 3;
    const TrainingSettings partial =
        trainingSettingsFromJson({{QStringLiteral("mode"), QStringLiteral("clip-distill")}}, defaults);
    EXPECT_EQ(partial.mode, core::TrainMode::Bcosify);
    EXPECT_EQ(partial.epochs, 3);
}

TEST(TrainingPanel, SetSettingsFillsTheFormAsSettingsReadsIt)
{
    TrainingController controller;
    TrainingPanel panel(controller, {{QStringLiteral("cpu"), QStringLiteral("CPU")}});
    const TrainingSettings demo = demoTrainingSettings();
    panel.setSettings(demo);
    EXPECT_EQ(trainingSettingsToJson(panel.settings()), trainingSettingsToJson(demo));
    EXPECT_EQ(panel.settings().datasetKind, core::DatasetKind::Idx);
    EXPECT_EQ(panel.settings().epochs, 2);
}

/// A run folder as the trainer and the studio leave it: metrics.csv, optionally the model and the form.
void writeRun(const QDir &root, const QString &name, const QVector<double> &valTop1, bool model, bool settings)
{
    const QString dir = root.filePath(name);
    QDir().mkpath(dir);
    const core::RunLog log(dir.toStdString());
    for (int e = 0; e < valTop1.size(); ++e) {
        core::EpochMetrics metrics;
        metrics.epoch = e;
        metrics.valTop1 = valTop1[e];
        log.appendEpoch(metrics);
    }
    if (model) {
        QFile file(QDir(dir).filePath(QStringLiteral("model.safetensors")));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    }
    if (settings) {
        TrainingSettings s;
        s.epochs = 4;
        s.datasetPath = QStringLiteral("/data/") + name;
        QFile file(QDir(dir).filePath(QLatin1String(kRunSettingsFile)));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(trainingSettingsToJson(s)).toJson());
    }
}

TEST(RunsPanel, ListsRunsNewestFirstAndReopensModelCurvesAndSettings)
{
    test::TempDir tmp;
    const QDir root(QString::fromStdString(tmp.path().string()));
    writeRun(root, QStringLiteral("20261201-100000"), {0.5, 0.625}, true, true);
    writeRun(root, QStringLiteral("20261203-090000"), {0.75}, false, false);
    QDir().mkpath(root.filePath(QStringLiteral("empty"))); // nothing in it: not a run
    QFile broken(root.filePath(QStringLiteral("20261202-000000/metrics.csv")));
    QDir().mkpath(root.filePath(QStringLiteral("20261202-000000")));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("epoch,train_loss\n1,oops\n");
    broken.close();

    RunsPanel panel(root.absolutePath()); // scans on a pool thread
    EXPECT_TRUE(panel.runs().isEmpty());
    ASSERT_TRUE(test::waitUntil([&panel] { return !panel.runs().isEmpty(); }));
    const QVector<RunEntry> runs = panel.runs();
    ASSERT_EQ(runs.size(), 3);
    EXPECT_EQ(runs[0].name, QStringLiteral("20261203-090000"));
    EXPECT_EQ(runs[0].epochs, 1);
    EXPECT_DOUBLE_EQ(runs[0].valTop1, 0.75);
    EXPECT_TRUE(runs[0].model.isEmpty());
    EXPECT_EQ(runs[1].name, QStringLiteral("20261202-000000"));
    EXPECT_FALSE(runs[1].problem.isEmpty()); // the core's message names the file
    EXPECT_TRUE(runs[1].problem.contains(QStringLiteral("metrics.csv"))) << runs[1].problem.toStdString();
    EXPECT_EQ(runs[2].epochs, 2);
    EXPECT_DOUBLE_EQ(runs[2].valTop1, 0.625);
    EXPECT_EQ(runs[2].model, root.absoluteFilePath(QStringLiteral("20261201-100000/model.safetensors")));

    QString model, run, curves;
    TrainingSettings settings;
    QObject::connect(&panel, &RunsPanel::openModelRequested, [&](const QString &path, const QString &name) {
        model = path;
        run = name;
    });
    QObject::connect(&panel, &RunsPanel::curvesRequested, [&](const QString &dir) { curves = dir; });
    QObject::connect(&panel, &RunsPanel::settingsRequested, [&](const TrainingSettings &s) { settings = s; });
    ASSERT_TRUE(panel.selectRun(QStringLiteral("20261201-100000")));
    panel.openSelected();
    EXPECT_EQ(model, runs[2].model);
    EXPECT_EQ(run, QStringLiteral("20261201-100000"));
    EXPECT_EQ(curves, runs[2].directory);
    EXPECT_EQ(settings.epochs, 4);
    EXPECT_EQ(settings.datasetPath, QStringLiteral("/data/20261201-100000"));
    EXPECT_FALSE(panel.selectRun(QStringLiteral("empty")));
}

TEST(RunsPanel, ABrokenSettingsFileIsNamedAndTheRestOfTheRunStillOpens)
{
    test::TempDir tmp;
    const QDir root(QString::fromStdString(tmp.path().string()));
    writeRun(root, QStringLiteral("20261204-120000"), {0.5}, true, false);
    const QString settingsPath = root.filePath(QStringLiteral("20261204-120000/") + QLatin1String(kRunSettingsFile));
    QFile settingsFile(settingsPath);
    ASSERT_TRUE(settingsFile.open(QIODevice::WriteOnly));
    settingsFile.write("{\"epochs\": 4,");
    settingsFile.close();

    RunsPanel panel(root.absolutePath());
    ASSERT_TRUE(test::waitUntil([&panel] { return panel.selectRun(QStringLiteral("20261204-120000")); }));
    QStringList messages;
    QString model;
    bool settingsApplied = false;
    QObject::connect(&panel, &RunsPanel::message, [&messages](const QString &text) { messages << text; });
    QObject::connect(&panel, &RunsPanel::openModelRequested, [&model](const QString &path, const QString &) { model = path; });
    QObject::connect(&panel, &RunsPanel::settingsRequested, [&settingsApplied](const TrainingSettings &) { settingsApplied = true; });
    panel.openSelected();
    EXPECT_FALSE(settingsApplied); // the form keeps what the user has
    EXPECT_EQ(model, panel.runs()[0].model);
    ASSERT_EQ(messages.size(), 2);
    EXPECT_EQ(messages[0], settingsPath + QStringLiteral(": not a settings file (unterminated object)"));
    EXPECT_EQ(messages[1], QStringLiteral("Opened run 20261204-120000: model, curves"));

    // A newer scan overtakes an older one; the list follows the folder.
    QDir(root.filePath(QStringLiteral("20261204-120000"))).removeRecursively();
    QSignalSpy changed(&panel, &RunsPanel::runsChanged);
    panel.refresh();
    panel.refresh();
    ASSERT_TRUE(test::waitUntil([&panel] { return panel.runs().isEmpty(); }));
    QTest::qWait(50);
    EXPECT_EQ(changed.count(), 1);
}

TEST(TrainingPanel, AllGpusOfThisMachineIsOneRankPerGpu)
{
    TrainingController controller;
    TrainingPanel panel(controller, {{QStringLiteral("cpu"), QStringLiteral("CPU")},
                                     {QStringLiteral("cuda:0"), QStringLiteral("GPU 0")},
                                     {QStringLiteral("cuda:1"), QStringLiteral("GPU 1")},
                                     {QString::fromLatin1(kAllGpusDevice), QStringLiteral("All 2 GPUs")}});
    TrainingSettings s;
    s.device = QStringLiteral("cuda");
    s.localRanks = 2;
    panel.setSettings(s);
    EXPECT_EQ(panel.settings().device, QStringLiteral("cuda"));
    EXPECT_EQ(panel.settings().localRanks, 2);
    s.device = QStringLiteral("cuda:1");
    s.localRanks = 1;
    panel.setSettings(s);
    EXPECT_EQ(panel.settings().device, QStringLiteral("cuda:1"));
    EXPECT_EQ(panel.settings().localRanks, 1);
}

/// The standard demo DenseNet, loaded as the studio loads it.
std::shared_ptr<LoadedModel> demoStandardModel()
{
    return std::make_shared<LoadedModel>(
        loadModelWithCore({test::sourceDir() + "/resources/demo/fashion-mnist-densenet.safetensors", std::nullopt}));
}

TEST(TrainingController, ClusterScriptsRunTheFormsTrainingThroughBcosTrain)
{
    TrainingController controller;
    TrainingSettings form = demoTrainingSettings();
    form.datasetPath = QStringLiteral("/data/fashion mnist");
    EXPECT_EQ(test::errorOf([&] { controller.clusterScript(form, core::ClusterLauncher::Torchrun, 4); }),
              "a launch script needs the loaded model as a file of its own: load a standard model first");
    const auto model = demoStandardModel();
    controller.setModelProvider([model] { return model; });
    const QString script = controller.clusterScript(form, core::ClusterLauncher::Torchrun, 4);
    const QString expected = QStringLiteral("torchrun --nnodes 1 --nproc-per-node 4 --node-rank \"${NODE_RANK:-0}\" \\\n"
                                            "    --master-addr \"${MASTER_ADDR:-127.0.0.1}\" --master-port 29500 \\\n"
                                            "    --no-python bcos train --mode bcosify --weights ")
        + QString::fromStdString(model->path)
        + QStringLiteral(" --data 'idx:/data/fashion mnist' --epochs 2 --batch-size 64 --lr 0.001 --b 2"
                         " --train-limit 20000 --val-limit 20000 --out runs/");
    EXPECT_TRUE(script.contains(expected)) << script.toStdString();
    EXPECT_TRUE(controller.clusterScript(form, core::ClusterLauncher::Slurm, 2).contains(QStringLiteral("#SBATCH --ntasks-per-node=2\n")));
    form.mode = core::TrainMode::Scratch;
    EXPECT_EQ(test::errorOf([&] { controller.clusterScript(form, core::ClusterLauncher::Slurm, 2); }).rfind(
                  "a launch script covers bcosify, distill and pretrain", 0), 0u);
    form.mode = core::TrainMode::Distill; // without labels: the same command with --mode distill
    EXPECT_TRUE(controller.clusterScript(form, core::ClusterLauncher::Torchrun, 4)
                    .contains(QStringLiteral("bcos train --mode distill --weights ")));
}

/// Records the core's step metrics (rank 0's, in a data-parallel run).
class StepRecorder : public core::TrainObserver {
public:
    void onStep(const core::StepMetrics &metrics) override { steps.push_back(metrics); }
    std::vector<core::StepMetrics> steps;
};

// "All GPUs of this machine" without GPUs: the same path with two CPU ranks as threads of the studio.
TEST(CoreTrainer, TwoLocalRanksTrainAsOneRunWrittenByRankZero)
{
    const QString fashionMnist = fashionMnistDir();
    if (fashionMnist.isEmpty())
        GTEST_SKIP() << "needs /usr/share/datasets/fashion-mnist";
    test::TempDir run;
    TrainingSettings settings = demoTrainingSettings();
    settings.model = demoStandardModel();
    settings.maxSamples = 64;
    settings.epochs = 1;
    settings.batchSize = 16;
    settings.localRanks = 2;
    settings.runDirectory = QString::fromStdString(run.path().string());
    StepRecorder recorder;
    core::TrainHooks hooks;
    hooks.observer = &recorder;
    trainWithCore(settings, hooks);
    ASSERT_EQ(recorder.steps.size(), 2u); // 64 images, 2 ranks x 16 per step
    EXPECT_EQ(recorder.steps.front().batchSize, 32);
    EXPECT_TRUE(std::filesystem::exists(run.path() / "model.safetensors"));
    EXPECT_TRUE(std::filesystem::exists(run.path() / "checkpoint.pt"));
}

/// Records the core's epoch metrics and messages.
class EpochRecorder : public core::TrainObserver {
public:
    void onEpoch(const core::EpochMetrics &metrics) override { epochs.push_back(metrics); }
    void onMessage(const std::string &message) override { messages.push_back(message); }
    std::vector<core::EpochMetrics> epochs;
    std::vector<std::string> messages;
};

// "B-cosify without labels": the loaded standard model teaches its B-cos twin; the labels of the data are only
// reported, and the form's mode survives the settings file.
TEST(CoreTrainer, DistillsTheLoadedModelIntoItsBcosTwin)
{
    const QString fashionMnist = fashionMnistDir();
    if (fashionMnist.isEmpty())
        GTEST_SKIP() << "needs /usr/share/datasets/fashion-mnist";
    test::TempDir run;
    TrainingSettings settings = demoTrainingSettings();
    settings.mode = core::TrainMode::Distill;
    settings.model = demoStandardModel();
    settings.maxSamples = 64;
    settings.epochs = 1;
    settings.batchSize = 16;
    settings.runDirectory = QString::fromStdString(run.path().string());
    EXPECT_EQ(trainingSettingsFromJson(trainingSettingsToJson(settings)).mode, core::TrainMode::Distill);
    EpochRecorder recorder;
    core::TrainHooks hooks;
    hooks.observer = &recorder;
    trainWithCore(settings, hooks);
    ASSERT_EQ(recorder.epochs.size(), 1u) << (recorder.messages.empty() ? "" : recorder.messages.back());
    EXPECT_TRUE(std::isfinite(recorder.epochs[0].valAgreement));
    EXPECT_TRUE(std::isfinite(recorder.epochs[0].valTop1)); // IDX labels are the demo model's classes
    const core::Network student = core::loadModel(run.path() / "model.safetensors");
    EXPECT_TRUE(student->isBcos());
    EXPECT_EQ(student->description().provenance.value("distilled_from", ""), settings.model->path);

    // A B-cos model cannot teach: distilling needs the standard network.
    settings.model = std::make_shared<LoadedModel>(loadModelWithCore(
        {test::sourceDir() + "/resources/demo/fashion-mnist-densenet-bcos.safetensors", std::nullopt}));
    EXPECT_EQ(test::errorOf([&] { trainWithCore(settings, hooks); }),
              settings.model->path + ": already a B-cos network; distilling without labels needs the standard "
                                     "network to learn from");
}

} // namespace
} // namespace bcos::widgets
