#include "buildinfo.h"

#include "compat.h"

#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/cuda.h>

#include <dlfcn.h>

#include <algorithm>

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

namespace {

/// OpenBLAS (Debian's pthreads build) runs its own worker threads, created with the floating-point mode of the
/// moment it started them: they keep denormals whatever the caller sets (a CLIP RN50 attention-pool matrix product
/// took 1.5 s instead of 12 ms). Stopping its pool makes the next BLAS call start it again from that calling thread,
/// whose mode the new threads inherit. A no-op without OpenBLAS (MKL and the OpenMP builds use OpenMP's threads).
void restartOpenBlasThreads()
{
    using Shutdown = int (*)();
    auto shutdown = reinterpret_cast<Shutdown>(dlsym(RTLD_DEFAULT, "blas_thread_shutdown_"));
    if (!shutdown)
        if (void *openblas = dlopen("libopenblas.so.0", RTLD_LAZY | RTLD_NOLOAD))
            shutdown = reinterpret_cast<Shutdown>(dlsym(openblas, "blas_thread_shutdown_"));
    if (shutdown)
        shutdown();
}

} // namespace

void configureThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    flushDenormals();
    restartOpenBlasThreads(); // after flushDenormals(): BLAS threads started from here on flush too
}

void setThreadsOfThisThread(int threads)
{
    // omp_set_num_threads sets the calling thread's team size only; looked up at run time, as core is not built with
    // OpenMP (LibTorch's libgomp is loaded with it).
    using SetNumThreads = void (*)(int);
    static const auto set = reinterpret_cast<SetNumThreads>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
    (void)at::get_num_threads(); // LibTorch's first use on a thread sets its team size: let it happen before ours
    if (set)
        set(std::max(1, threads));
}

void flushDenormals()
{
    thread_local bool flushed = false;
    if (flushed)
        return;
    flushed = true;
    at::globalContext().setFlushDenormal(true); // the calling thread's MXCSR
    // ...and that of each thread in its OpenMP team (grain 1: one index per thread).
    at::parallel_for(0, at::get_num_threads(), 1,
                     [](int64_t, int64_t) { at::globalContext().setFlushDenormal(true); });
}

} // namespace bcos::core
