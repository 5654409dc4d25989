#include "buildinfo.h"

#include "compat.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <torch/cuda.h>

#include <thread>

#ifndef BCOS_VERSION
#define BCOS_VERSION "0.0.0"
#endif

namespace bcos::core {

BuildInfo queryBuildInfo()
{
    BuildInfo info;
    info.appVersion = BCOS_VERSION;
    info.torchVersion = compat::torchVersion();
    info.cudaBuilt = at::hasCUDA();
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDevices = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    info.intraOpThreads = at::get_num_threads();
    info.interOpThreads = at::get_num_interop_threads();
    const std::string config = at::show_config();
    for (const char *name : {"openblas", "mkl", "blis"}) {
        if (config.find(name) != std::string::npos || config.find(std::string("BLAS_INFO=") + name) != std::string::npos) {
            info.blas = name;
            break;
        }
    }
    if (info.blas.empty())
        info.blas = "system BLAS (update-alternatives libblas.so.3)";
    return info;
}

void configureThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

} // namespace bcos::core
