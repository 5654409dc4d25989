#include "widgets/versioninfo.h"

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
    process.start(QStringLiteral(BCOS_STUDIO_EXE), {QStringLiteral("--version")});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    const QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 5) << lines.join('\n').toStdString();
    const VersionInfo info = queryVersionInfo();
    EXPECT_EQ(lines[0], QStringLiteral("B-cos Studio %1").arg(info.app));
    EXPECT_EQ(lines[1], QStringLiteral("Qt %1 (built with %2)").arg(qVersion(), QT_VERSION_STR));
    EXPECT_EQ(lines[2], QStringLiteral("LibTorch %1").arg(info.torch));
    EXPECT_TRUE(lines[3].startsWith(QStringLiteral("OpenCV 4."))) << lines[3].toStdString();
    EXPECT_TRUE(lines[4].startsWith(QStringLiteral("CUDA: "))) << lines[4].toStdString();
    EXPECT_EQ(lines[4].contains(QStringLiteral("not available")), !info.cudaAvailable && !info.cudaBuilt);
}

} // namespace
} // namespace bcos::widgets
