#include "versioninfo.h"

#include "core/buildinfo.h"
#include "core/imaging/imageio.h"

#include <QCoreApplication>

namespace bcos::widgets {

VersionInfo queryVersionInfo()
{
    const core::BuildInfo build = core::queryBuildInfo();
    VersionInfo info;
    info.app = QString::fromStdString(build.appVersion);
    info.qtRuntime = QString::fromLatin1(qVersion());
    info.qtBuild = QStringLiteral(QT_VERSION_STR);
    info.torch = QString::fromStdString(build.torchVersion);
    info.opencv = QString::fromStdString(imaging::opencvVersion());
    info.cudaBuilt = build.cudaBuilt;
    info.cudaAvailable = build.cudaAvailable;
    info.cudaDevices = build.cudaDevices;
    return info;
}

QStringList versionLines(const VersionInfo &info)
{
    QString cuda;
    if (info.cudaAvailable)
        cuda = QCoreApplication::translate("VersionInfo", "CUDA: available (%1 device(s))").arg(info.cudaDevices);
    else if (info.cudaBuilt)
        cuda = QCoreApplication::translate("VersionInfo", "CUDA: built in, no usable device");
    else
        cuda = QCoreApplication::translate("VersionInfo", "CUDA: not available (CPU-only LibTorch)");
    return {QCoreApplication::translate("VersionInfo", "B-cos Studio %1").arg(info.app),
            QCoreApplication::translate("VersionInfo", "Qt %1 (built with %2)").arg(info.qtRuntime, info.qtBuild),
            QCoreApplication::translate("VersionInfo", "LibTorch %1").arg(info.torch),
            QCoreApplication::translate("VersionInfo", "OpenCV %1").arg(info.opencv), cuda};
}

} // namespace bcos::widgets
