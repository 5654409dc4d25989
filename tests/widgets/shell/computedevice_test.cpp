// Where the studio's explanations, predictions and CLIP prompt maps run: Edit > Preferences' choice (automatic,
// the CPU or one GPU), how a choice this machine cannot honour falls back, and the loaded models moving when it
// changes.
#include "qtwait.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include "core/gpu.h"
#include "core/models/moduledevice.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/session/document.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/modelloading.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/appsettings.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/shell/preferencesdialog.h"
#include "widgets/shell/statusindicators.h"
#include "widgets/shell/versioninfo.h"

#include <QComboBox>
#include <QSettings>

#include <gtest/gtest.h>
#include <torch/cuda.h>

namespace bcos::widgets {
namespace {

/// A machine with `count` GPUs named "GPU <k>" of 80 GiB.
VersionInfo machineWith(int count)
{
    VersionInfo info;
    info.cudaBuilt = true;
    info.cudaAvailable = count > 0;
    info.cudaDevices = count;
    for (int k = 0; k < count; ++k) {
        core::GpuDevice gpu;
        gpu.index = k;
        gpu.name = "GPU " + std::to_string(k);
        gpu.totalBytes = int64_t(80) << 30;
        info.gpus.push_back(gpu);
    }
    return info;
}

TEST(ComputeDevice, ThePreferenceResolvesOnThisMachineOrFallsBackSayingWhy)
{
    const VersionInfo twoGpus = machineWith(2), noGpu = machineWith(0);
    QString why = QStringLiteral("stale");
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("auto"), twoGpus, &why), QStringLiteral("cuda:0"));
    EXPECT_TRUE(why.isEmpty());
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("auto"), noGpu, &why), QStringLiteral("cpu"));
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("cpu"), twoGpus, &why), QStringLiteral("cpu"));
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("cuda:1"), twoGpus, &why), QStringLiteral("cuda:1"));
    EXPECT_TRUE(why.isEmpty());
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("cuda:2"), twoGpus, &why), QStringLiteral("cuda:0"));
    EXPECT_EQ(why, QStringLiteral("The preferred device cuda:2 is not on this machine; using cuda:0."));
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("cuda:1"), noGpu, &why), QStringLiteral("cpu"));
    EXPECT_EQ(why, QStringLiteral("The preferred device cuda:1 is not on this machine; using cpu."));
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("tpu"), noGpu, &why), QStringLiteral("cpu"));
    EXPECT_EQ(why, QStringLiteral("The preferred device tpu is not on this machine; using cpu."));
    EXPECT_EQ(resolveComputeDevice(QStringLiteral("cuda:x"), twoGpus), QStringLiteral("cuda:0"));
}

TEST(ComputeDevice, ThePreferencesOfferAutomaticTheCpuAndEachGpu)
{
    QSettings().remove(QStringLiteral("gpu/computeDevice"));
    AppSettings settings;
    EXPECT_EQ(settings.computeDevice(), QStringLiteral("auto"));
    {
        PreferencesDialog dialog(settings, machineWith(2));
        QComboBox *box = dialog.computeDeviceBox();
        ASSERT_EQ(box->count(), 4);
        EXPECT_EQ(box->currentData().toString(), QStringLiteral("auto"));
        EXPECT_EQ(box->itemText(0), QStringLiteral("Automatic: the first GPU"));
        EXPECT_EQ(box->itemText(1), QStringLiteral("CPU"));
        EXPECT_EQ(box->itemText(3), QStringLiteral("cuda:1 — GPU 1, 80.0 GiB"));
        EXPECT_EQ(box->itemData(3).toString(), QStringLiteral("cuda:1"));
        box->setCurrentIndex(3);
        dialog.accept();
    }
    EXPECT_EQ(AppSettings().computeDevice(), QStringLiteral("cuda:1"));
    {
        // On a machine without that GPU the box shows the automatic choice, and keeps the setting until accepted.
        PreferencesDialog dialog(settings, machineWith(0));
        QComboBox *box = dialog.computeDeviceBox();
        ASSERT_EQ(box->count(), 2);
        EXPECT_EQ(box->currentText(), QStringLiteral("Automatic: the CPU (no GPU)"));
        EXPECT_EQ(AppSettings().computeDevice(), QStringLiteral("cuda:1"));
        box->setCurrentIndex(1);
        dialog.accept();
    }
    EXPECT_EQ(AppSettings().computeDevice(), QStringLiteral("cpu"));
    QSettings().remove(QStringLiteral("gpu/computeDevice"));
}

/// The window's status-bar device text and its log's last "run on" line, for a machine and a stored preference.
std::pair<QString, QString> startedWith(const VersionInfo &machine, const QString &preference)
{
    AppSettings().setComputeDevice(preference);
    MainWindow window{StudioServices{{}, {}, machine}};
    QString ranOn;
    for (int row = 0; row < window.session().log().rowCount(); ++row)
        if (window.session().log().entry(row).message.contains(QLatin1String("run on")))
            ranOn = window.session().log().entry(row).message;
    EXPECT_EQ(window.session().document().computeDevice(), resolveComputeDevice(preference, machine));
    const auto *indicators = window.findChild<StatusIndicators *>();
    return {indicators ? indicators->deviceText() : QStringLiteral("no status bar"), ranOn};
}

// At start the window takes the preference: the status bar names the device the explanations run on and the log
// says it (a machine without a GPU says nothing). The machines here are described, not real: nothing is loaded.
TEST(ComputeDevice, TheWindowStartsOnThePreferredDeviceAndNamesIt)
{
    using Started = std::pair<QString, QString>;
    EXPECT_EQ(startedWith(machineWith(0), QStringLiteral("auto")), Started(QStringLiteral("Device: CPU"), QString()));
    EXPECT_EQ(startedWith(machineWith(1), QStringLiteral("auto")),
              Started(QStringLiteral("Device: GPU 0, 80.0 GiB"),
                      QStringLiteral("Explanations, predictions and CLIP prompt maps run on cuda:0 (GPU 0, 80.0 GiB).")));
    EXPECT_EQ(startedWith(machineWith(2), QStringLiteral("cuda:1")),
              Started(QStringLiteral("Device: GPU 1, 80.0 GiB (cuda:1 of 2 GPUs)"),
                      QStringLiteral("Explanations, predictions and CLIP prompt maps run on cuda:1 (GPU 1, 80.0 GiB).")));
    EXPECT_EQ(startedWith(machineWith(2), QStringLiteral("cpu")),
              Started(QStringLiteral("Device: CPU"),
                      QStringLiteral("Explanations, predictions and CLIP prompt maps run on the CPU.")));
    QSettings().remove(QStringLiteral("gpu/computeDevice"));
}

// The loaded models move on a worker (each under its mutex); a device this machine lacks is refused with the
// reason and changes nothing; on a GPU machine the models end up there and back.
TEST(ComputeDevice, TheLoadedModelsMoveOrTheLogSaysWhyNot)
{
    test::TempDir dir;
    StudioSession session(loadModelWithCore, {});
    Document &document = session.document();
    document.loadModel(QString::fromStdString(test::writeTinyModel(dir / "model.safetensors").string()));
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel() && session.isIdle(); }));
    const auto deviceOfModel = [&] { return core::moduleDevice(*document.bcosModel()->network); };
    EXPECT_EQ(document.moveModelsTo(QStringLiteral("cpu")), 0); // already there
    if (!torch::cuda::is_available()) {
        EXPECT_EQ(document.moveModelsTo(QStringLiteral("cuda:0")), -1);
        EXPECT_EQ(document.computeDevice(), QStringLiteral("cpu"));
        ASSERT_EQ(session.log().count(LogLevel::Error), 1);
        EXPECT_EQ(session.log().entry(session.log().rowCount() - 1).message,
                  QStringLiteral("Could not move the models to cuda:0: device 'cuda:0' requested but no CUDA device "
                                 "is available"));
        EXPECT_EQ(deviceOfModel(), c10::Device(c10::kCPU));
        // "auto" is the CPU here: the move task runs (under the model's mutex) and leaves the model usable there.
        EXPECT_GT(document.moveModelsTo(QStringLiteral("auto")), 0);
        ASSERT_TRUE(test::waitUntil([&] { return session.isIdle(); }));
        EXPECT_EQ(document.computeDevice(), QStringLiteral("auto"));
        EXPECT_EQ(deviceOfModel(), c10::Device(c10::kCPU));
        EXPECT_EQ(session.log().count(LogLevel::Error), 1);
        // A model whose load started on the old device moves when it arrives.
        QStringList titles;
        QObject::connect(&session.runner(), &TaskRunner::started,
                         [&](int, const QString &title) { titles << title; });
        document.loadModel(QString::fromStdString(test::writeTinyModel(dir / "second.safetensors").string()));
        EXPECT_GT(document.moveModelsTo(QStringLiteral("cpu")), 0); // while it loads: the loaded model moves now...
        ASSERT_TRUE(test::waitUntil([&] { return session.isIdle() && titles.size() >= 3; }));
        EXPECT_EQ(titles.first(), QStringLiteral("Loading model"));
        // ...and the one that was loading when it arrives.
        EXPECT_EQ(titles.count(QStringLiteral("Moving the models to cpu")), 2) << titles.join(", ").toStdString();
        EXPECT_EQ(deviceOfModel(), c10::Device(c10::kCPU));
        return;
    }
    EXPECT_GT(document.moveModelsTo(QStringLiteral("cuda:0")), 0);
    ASSERT_TRUE(test::waitUntil([&] { return session.isIdle(); }));
    EXPECT_EQ(deviceOfModel(), c10::Device(c10::kCUDA, 0));
    EXPECT_GT(document.moveModelsTo(QStringLiteral("cpu")), 0);
    ASSERT_TRUE(test::waitUntil([&] { return session.isIdle(); }));
    EXPECT_EQ(deviceOfModel(), c10::Device(c10::kCPU));
    EXPECT_EQ(session.log().count(LogLevel::Error), 0);
}

} // namespace
} // namespace bcos::widgets
