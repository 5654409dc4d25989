#include "core/gpu.h"

#include <fmt/format.h>

#include <dlfcn.h>

#include <array>
#include <cstddef>

namespace bcos::core {
namespace {

template <class Function>
void bind(void *handle, Function &function, const char *name)
{
    function = reinterpret_cast<Function>(dlsym(handle, name));
}

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
        bind(handle, runtime.getDevice, "cudaGetDevice");
        bind(handle, runtime.setDevice, "cudaSetDevice");
        bind(handle, runtime.memGetInfo, "cudaMemGetInfo");
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

namespace {

/// The CUDA driver API entry points for the device list (CUresult is an int-sized enum, 0 = CUDA_SUCCESS; a
/// CUdevice is an int). The driver API's ABI is stable across CUDA versions, unlike cudaDeviceProp's layout.
struct CudaDriver {
    int (*init)(unsigned) = nullptr;
    int (*deviceGetCount)(int *) = nullptr;
    int (*deviceGet)(int *, int) = nullptr;
    int (*deviceGetName)(char *, int, int) = nullptr;
    int (*deviceTotalMem)(std::size_t *, int) = nullptr;
    int (*deviceGetAttribute)(int *, int, int) = nullptr;

    bool usable() const
    {
        return init && deviceGetCount && deviceGet && deviceGetName && deviceTotalMem && deviceGetAttribute;
    }
};

/// Only a driver that is already loaded (RTLD_NOLOAD), as for the runtime above.
CudaDriver loadedCudaDriver()
{
    CudaDriver driver;
    void *handle = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_NOLOAD);
    if (!handle)
        return {};
    bind(handle, driver.init, "cuInit");
    bind(handle, driver.deviceGetCount, "cuDeviceGetCount");
    bind(handle, driver.deviceGet, "cuDeviceGet");
    bind(handle, driver.deviceGetName, "cuDeviceGetName");
    bind(handle, driver.deviceTotalMem, "cuDeviceTotalMem_v2");
    bind(handle, driver.deviceGetAttribute, "cuDeviceGetAttribute");
    return driver.usable() ? driver : CudaDriver{};
}

constexpr int kComputeCapabilityMajor = 75; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
constexpr int kComputeCapabilityMinor = 76; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR

} // namespace

std::vector<GpuDevice> cudaDeviceList()
{
    static const CudaDriver driver = loadedCudaDriver();
    std::vector<GpuDevice> devices;
    int count = 0;
    if (!driver.usable() || driver.init(0) != 0 || driver.deviceGetCount(&count) != 0)
        return devices;
    for (int k = 0; k < count; ++k) {
        int handle = 0;
        std::array<char, 256> name{};
        std::size_t total = 0;
        GpuDevice device;
        device.index = k;
        if (driver.deviceGet(&handle, k) != 0 || driver.deviceGetName(name.data(), int(name.size()) - 1, handle) != 0
            || driver.deviceTotalMem(&total, handle) != 0)
            continue;
        driver.deviceGetAttribute(&device.computeMajor, kComputeCapabilityMajor, handle);
        driver.deviceGetAttribute(&device.computeMinor, kComputeCapabilityMinor, handle);
        device.name = name.data();
        device.totalBytes = static_cast<int64_t>(total);
        device.usedBytes = cudaMemoryInUse(k);
        devices.push_back(std::move(device));
    }
    return devices;
}

std::string describeGpu(const GpuDevice &device)
{
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    std::string text = fmt::format("{} (cuda:{}, compute capability {}.{}): {:.1f} GiB", device.name, device.index,
                                   device.computeMajor, device.computeMinor, double(device.totalBytes) / kGiB);
    if (device.usedBytes >= 0)
        text += fmt::format(", {:.1f} GiB in use", double(device.usedBytes) / kGiB);
    return text;
}

std::string cudaVersionText(long version, bool cudnn)
{
    if (version <= 0)
        return {};
    if (cudnn && version >= 90000)
        return fmt::format("{}.{}.{}", version / 10000, version / 100 % 100, version % 100);
    if (cudnn)
        return fmt::format("{}.{}.{}", version / 1000, version / 100 % 10, version % 100);
    return fmt::format("{}.{}", version / 1000, version / 10 % 100);
}

} // namespace bcos::core
