#include "buildinfo.h"

#include "compat.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <ATen/detail/CUDAHooksInterface.h>
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
    if (info.cudaBuilt) {
        try { // the hooks of a CUDA LibTorch; a CPU one throws "Cannot query ... without ATen_cuda library"
            const at::CUDAHooksInterface &hooks = at::detail::getCUDAHooks();
            info.cudaVersion = cudaVersionText(hooks.versionCUDART(), false);
            if (hooks.hasCuDNN())
                info.cudnnVersion = cudaVersionText(hooks.versionCuDNN(), true);
        } catch (const c10::Error &) {
        }
    }
    if (info.cudaAvailable)
        info.gpus = cudaDeviceList();
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
