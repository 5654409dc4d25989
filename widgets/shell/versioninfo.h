#pragma once

#include <QString>
#include <QStringList>

namespace bcos::widgets {

/// Versions of the app and the libraries it runs on, and whether CUDA is usable.
struct VersionInfo {
    QString app;
    QString qtRuntime;
    QString qtBuild;
    QString torch;
    QString opencv;
    bool cudaBuilt = false;
    bool cudaAvailable = false;
    int cudaDevices = 0;
};

/// Queries LibTorch/OpenCV/Qt (touches CUDA once; no QApplication needed).
VersionInfo queryVersionInfo();
/// "B-cos Studio 0.1.0", "Qt 6.4.2 (built with 6.4.2)", "LibTorch ...", "OpenCV ...", "CUDA: ...".
QStringList versionLines(const VersionInfo &info);

} // namespace bcos::widgets
