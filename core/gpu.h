#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bcos::core {

/// One CUDA device as `bcos doctor`, the studio's status bar and its device box name it.
struct GpuDevice {
    int index = 0;
    std::string name;       ///< "NVIDIA H200"
    int64_t totalBytes = 0;
    int64_t usedBytes = -1; ///< cudaMemoryInUse(index); -1 when unknown
    int computeMajor = 0;
    int computeMinor = 0;
};

/// The CUDA devices of this process, read through the CUDA driver that a CUDA LibTorch has loaded (call after
/// torch::cuda::is_available()); empty with a CPU LibTorch, without a driver or without devices.
std::vector<GpuDevice> cudaDeviceList();

/// "NVIDIA H200 (cuda:0, compute capability 9.0): 139.8 GiB, 0.6 GiB in use" (no usage part when unknown).
std::string describeGpu(const GpuDevice &device);

/// A CUDA/cuDNN version number as LibTorch reports it (13000, 91002, 8907) -> "13.0", "9.10.2", "8.9.7";
/// `cudnn` selects cuDNN's encoding (major*10000 + minor*100 + patch from 9 on, major*1000 + minor*100 + patch
/// before). Empty for 0 or less.
std::string cudaVersionText(long version, bool cudnn);

/// Bytes of memory in use on CUDA device `device` (total minus free, as cudaMemGetInfo reports it: every
/// process on the device, including the caching allocator's reserve), or -1 when it cannot be known: no CUDA
/// runtime loaded in this process (a CPU LibTorch), a bad device index, or a failing query.
/// The CUDA runtime is looked up at run time among the libraries already loaded (a CUDA LibTorch loads it), so
/// the core needs no CUDA headers and builds the same against CPU and CUDA LibTorch.
int64_t cudaMemoryInUse(int device);

} // namespace bcos::core
