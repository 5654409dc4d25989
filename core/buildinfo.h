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

/// Sets LibTorch's intra-op threads to `threads` (0 = number of hardware threads) and flushes denormals on the
/// calling thread (flushDenormals()) and on OpenBLAS's worker threads (their pool is restarted from this thread).
/// Debian's LibTorch starts with one thread on small machines, so every program calls this once at start-up, before
/// any other thread runs tensor work.
void configureThreads(int threads = 0);

/// The intra-op threads (the OpenMP team size) of the tensor work the calling thread starts from now on; other
/// threads keep theirs (at::set_num_threads() also changes the default of every thread that has not run tensor work
/// yet). For threads that share the cores: two workers that each run a team as large as the machine wait in the
/// team's barriers for a core the other holds, and spend most of their time spinning (the studio predicting while
/// it decodes a folder: 45 % of its CPU time in libgomp). A no-op where LibTorch does not use OpenMP.
void setThreadsOfThisThread(int threads);

/// Flush-to-zero and denormals-are-zero for float arithmetic on the calling thread and on the OpenMP threads that run
/// its intra-op work (once per calling thread; cheap afterwards). Call it at the start of every thread that runs
/// networks. Why: each B-cos layer scales its output by |cos| <= 1, so in a deep B-cos network whose activations are
/// small (an untrained or freshly B-cosified ResNet-50) values and gradients fall below float's smallest normal
/// number (1.2e-38), where every multiply-add takes a microcode assist ~100x slower: an explanation took 13x longer
/// (tests/bench/README.md). Flushed values are below 1.2e-38, so nothing a result can show changes.
void flushDenormals();

} // namespace bcos::core
