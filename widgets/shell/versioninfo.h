#pragma once

#include "core/gpu.h"

#include <QString>
#include <QStringList>

#include <vector>

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
    QString cudaVersion;  ///< "13.0"; empty without CUDA
    QString cudnnVersion; ///< "9.10.2"; empty without cuDNN
    std::vector<core::GpuDevice> gpus;
};

/// Queries LibTorch/OpenCV/Qt (touches CUDA once; no QApplication needed).
VersionInfo queryVersionInfo();
/// "B-cos Studio 0.1.0", "Qt 6.4.2 (built with 6.4.2)", "LibTorch ...", "OpenCV ...", "CUDA: ...", then one
/// "GPU: NVIDIA H200 (cuda:0, compute capability 9.0): 139.7 GiB" line per device.
/// The device box's and status bar's name of GPU `k`: "NVIDIA H200, 139.7 GiB" ("CUDA device k" when unknown).
QString gpuLabel(const VersionInfo &info, int k);
QStringList versionLines(const VersionInfo &info);

/// The device explanations, predictions and CLIP prompt maps run on for the preference `preferred`
/// (AppSettings::computeDevice): "auto" -> "cuda:0" when CUDA is available, else "cpu"; "cpu"; "cuda:N" when this
/// machine has GPU N. Anything else (a GPU that is gone, an unknown value) falls back to "auto"'s choice and
/// `why` (when given) says so: "The preferred device cuda:3 is not on this machine; using cpu." ("" otherwise).
QString resolveComputeDevice(const QString &preferred, const VersionInfo &info, QString *why = nullptr);

} // namespace bcos::widgets
