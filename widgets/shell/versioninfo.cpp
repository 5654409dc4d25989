#include "versioninfo.h"

#include "core/buildinfo.h"
#include "core/device.h"
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
    info.cudaVersion = QString::fromStdString(build.cudaVersion);
    info.cudnnVersion = QString::fromStdString(build.cudnnVersion);
    info.gpus = build.gpus;
    return info;
}

QStringList versionLines(const VersionInfo &info)
{
    QString cuda;
    if (info.cudaAvailable)
        cuda = QCoreApplication::translate("VersionInfo", "CUDA: available (%1 device(s); CUDA %2, cuDNN %3)")
                   .arg(info.cudaDevices)
                   .arg(info.cudaVersion.isEmpty() ? QStringLiteral("?") : info.cudaVersion,
                        info.cudnnVersion.isEmpty() ? QCoreApplication::translate("VersionInfo", "none")
                                                    : info.cudnnVersion);
    else if (info.cudaBuilt)
        cuda = QCoreApplication::translate("VersionInfo", "CUDA: built in, no usable device");
    else
        cuda = QCoreApplication::translate("VersionInfo", "CUDA: not available (CPU-only LibTorch)");
    QStringList lines{QCoreApplication::translate("VersionInfo", "B-cos Studio %1").arg(info.app),
                      QCoreApplication::translate("VersionInfo", "Qt %1 (built with %2)").arg(info.qtRuntime, info.qtBuild),
                      QCoreApplication::translate("VersionInfo", "LibTorch %1").arg(info.torch),
                      QCoreApplication::translate("VersionInfo", "OpenCV %1").arg(info.opencv), cuda};
    for (const core::GpuDevice &gpu : info.gpus)
        lines << QCoreApplication::translate("VersionInfo", "GPU: %1").arg(QString::fromStdString(core::describeGpu(gpu)));
    return lines;
}

QString gpuLabel(const VersionInfo &info, int k)
{
    for (const core::GpuDevice &gpu : info.gpus)
        if (gpu.index == k)
            return QCoreApplication::translate("VersionInfo", "%1, %2 GiB")
                .arg(QString::fromStdString(gpu.name))
                .arg(double(gpu.totalBytes) / (1 << 30), 0, 'f', 1);
    return QCoreApplication::translate("VersionInfo", "CUDA device %1").arg(k);
}

QString resolveComputeDevice(const QString &preferred, const VersionInfo &info, QString *why)
{
    const QString automatic = info.cudaAvailable && info.cudaDevices > 0 ? QStringLiteral("cuda:0") : QStringLiteral("cpu");
    if (why)
        why->clear();
    if (preferred == QLatin1String("auto") || preferred == QLatin1String("cpu"))
        return preferred == QLatin1String("cpu") ? preferred : automatic;
    if (info.cudaAvailable && preferred.startsWith(QLatin1String("cuda:")) && core::isDeviceName(preferred.toStdString())
        && preferred.mid(5).toInt() < info.cudaDevices)
        return QStringLiteral("cuda:%1").arg(preferred.mid(5).toInt());
    if (why)
        *why = QCoreApplication::translate("VersionInfo", "The preferred device %1 is not on this machine; using %2.")
                   .arg(preferred, automatic);
    return automatic;
}

} // namespace bcos::widgets
