#pragma once

#include "core/gpu.h"

#include <string>
#include <vector>

namespace bcos::core {

/// Versions and capabilities of this build and of the machine it runs on (for --version / doctor).
struct BuildInfo {
    std::string appVersion;
    std::string torchVersion;
    std::string opencvVersion; ///< empty when bcos_imaging was not built
    bool cudaBuilt = false;    ///< LibTorch was built with CUDA
    bool cudaAvailable = false;
    int cudaDevices = 0;
    std::vector<GpuDevice> gpus; ///< name, memory and compute capability of each device (cudaDeviceList())
    std::string cudaVersion;     ///< the CUDA runtime LibTorch was built with ("13.0"); empty without CUDA
    std::string cudnnVersion;    ///< the cuDNN LibTorch uses ("9.10.2"); empty without cuDNN
    int intraOpThreads = 0;
    int interOpThreads = 0;
    std::string blas;
};

/// Queries LibTorch; cheap, but touches CUDA when it is present (do not call on the GUI thread at startup
/// more than once).
BuildInfo queryBuildInfo();

/// Sets LibTorch's intra-op threads to `threads` (0 = number of hardware threads). Debian's LibTorch starts
/// with one thread on small machines, so every program calls this once at start-up.
void configureThreads(int threads = 0);

} // namespace bcos::core
