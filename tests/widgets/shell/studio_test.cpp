#include "widgets/shell/versioninfo.h"

#include "tests/support/buildpaths.h"
#include "tests/support/tempdir.h"

#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

TEST(Studio, VersionPrintsAppQtTorchOpenCvAndCudaWithoutAWindow)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("minimal")); // must not matter: no window
    process.setProcessEnvironment(env);
    process.start(QString::fromStdString(test::studioPath()), {QStringLiteral("--version")});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    const QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    const VersionInfo info = queryVersionInfo();
    ASSERT_EQ(lines.size(), 5 + static_cast<int>(info.gpus.size())) << lines.join('\n').toStdString();
    EXPECT_EQ(lines[0], QStringLiteral("B-cos Studio %1").arg(info.app));
    EXPECT_EQ(lines[1], QStringLiteral("Qt %1 (built with %2)").arg(qVersion(), QT_VERSION_STR));
    EXPECT_EQ(lines[2], QStringLiteral("LibTorch %1").arg(info.torch));
    EXPECT_TRUE(lines[3].startsWith(QStringLiteral("OpenCV 4."))) << lines[3].toStdString();
    EXPECT_TRUE(lines[4].startsWith(QStringLiteral("CUDA: "))) << lines[4].toStdString();
    EXPECT_EQ(lines[4].contains(QStringLiteral("not available")), !info.cudaAvailable && !info.cudaBuilt);
}

TEST(StudioVersion, NamesEachGpuWithItsMemoryAndTheCudaVersions)
{
    VersionInfo info;
    info.cudaBuilt = info.cudaAvailable = true;
    info.cudaDevices = 1;
    info.cudaVersion = QStringLiteral("13.0");
    info.cudnnVersion = QStringLiteral("9.10.2");
    core::GpuDevice gpu;
    gpu.name = "NVIDIA H200";
    gpu.totalBytes = int64_t(143) << 30;
    gpu.computeMajor = 9;
    info.gpus.push_back(gpu);
    const QStringList lines = versionLines(info);
    ASSERT_EQ(lines.size(), 6);
    EXPECT_EQ(lines[4], QStringLiteral("CUDA: available (1 device(s); CUDA 13.0, cuDNN 9.10.2)"));
    EXPECT_EQ(lines[5], QStringLiteral("GPU: NVIDIA H200 (cuda:0, compute capability 9.0): 143.0 GiB"));
    EXPECT_EQ(gpuLabel(info, 0), QStringLiteral("NVIDIA H200, 143.0 GiB"));
    EXPECT_EQ(gpuLabel(info, 1), QStringLiteral("CUDA device 1"));
}

/// Runs bcos-studio offscreen with a private settings/cache home; returns {exit code, stdout, stderr}.
struct StudioRun {
    int exitCode = -1;
    QString out, err;
};

StudioRun runStudio(const QStringList &arguments)
{
    test::TempDir home;
    const QString root = QString::fromStdString(home.path().string());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), root);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root + QStringLiteral("/cache"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("BCOS_DEMO_MODEL"),
               QString::fromStdString(test::sourceDir() + "/resources/demo/fashion-mnist-densenet.safetensors"));
    process.setProcessEnvironment(env);
    process.start(QString::fromStdString(test::studioPath()), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

TEST(Studio, QuitAfterMsStartsTheDemoPrintsTheLogAndExitsCleanly)
{
    const StudioRun run = runStudio({QStringLiteral("--demo"), QStringLiteral("--quit-after-ms"), QStringLiteral("5000")});
    ASSERT_EQ(run.exitCode, 0) << run.out.toStdString() << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(QString::fromStdString(
        "Info: Loaded model " + test::sourceDir()
        + "/resources/demo/fashion-mnist-densenet.safetensors (densenet, 10 classes, standard)")))
        << run.out.toStdString();
    EXPECT_FALSE(run.out.contains(QStringLiteral("Error: "))) << run.out.toStdString();
}

TEST(Studio, QuitAfterMsRefusesAValueThatIsNotMilliseconds)
{
    const StudioRun run = runStudio({QStringLiteral("--quit-after-ms"), QStringLiteral("soon")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("bcos-studio: --quit-after-ms expects milliseconds >= 0, got 'soon'")))
        << run.err.toStdString();
}

} // namespace
} // namespace bcos::widgets
