#include "core/train/gpumemory.h"

#include <dlfcn.h>

#include <cstddef>

namespace bcos::core {
namespace {

/// The few CUDA runtime entry points we need (cudaError_t is an int-sized enum, 0 = cudaSuccess).
struct CudaRuntime {
    int (*getDevice)(int *) = nullptr;
    int (*setDevice)(int) = nullptr;
    int (*memGetInfo)(std::size_t *, std::size_t *) = nullptr;

    bool usable() const { return getDevice && setDevice && memGetInfo; }
};

/// Only finds a runtime that is already loaded (RTLD_NOLOAD): never pulls CUDA into a CPU process.
CudaRuntime loadedCudaRuntime()
{
    CudaRuntime runtime;
    for (const char *name : {"libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0", "libcudart.so"}) {
        void *handle = dlopen(name, RTLD_LAZY | RTLD_NOLOAD);
        if (!handle)
            continue;
        runtime.getDevice = reinterpret_cast<int (*)(int *)>(dlsym(handle, "cudaGetDevice"));
        runtime.setDevice = reinterpret_cast<int (*)(int)>(dlsym(handle, "cudaSetDevice"));
        runtime.memGetInfo = reinterpret_cast<int (*)(std::size_t *, std::size_t *)>(dlsym(handle, "cudaMemGetInfo"));
        if (runtime.usable())
            return runtime;
    }
    return {};
}

} // namespace

int64_t cudaMemoryInUse(int device)
{
    static const CudaRuntime runtime = loadedCudaRuntime();
    if (!runtime.usable() || device < 0)
        return -1;
    int previous = 0;
    if (runtime.getDevice(&previous) != 0)
        return -1;
    if (previous != device && runtime.setDevice(device) != 0)
        return -1;
    std::size_t free = 0, total = 0;
    const bool ok = runtime.memGetInfo(&free, &total) == 0 && total >= free;
    if (previous != device)
        runtime.setDevice(previous);
    return ok ? static_cast<int64_t>(total - free) : -1;
}

} // namespace bcos::core
