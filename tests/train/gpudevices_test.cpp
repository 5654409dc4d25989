// The GPU names and versions that bcos doctor and the studio show: formatting from known values, and the device
// list that a CPU LibTorch must leave empty, what a CPU-only build says of CUDA graphs, and the device names users
// give (--device, the studio's device box).
#include "core/buildinfo.h"
#include "core/cudagraph.h"
#include "core/device.h"
#include "core/gpu.h"
#include "tests/support/errorof.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/cuda.h>

namespace bcos::core {
namespace {

TEST(GpuDevices, ACpuOnlyBuildSaysWhatCudaGraphsNeed)
{
    if (cudaGraphsBuilt())
        GTEST_SKIP() << "this build has a CUDA LibTorch: its graphs are tested on a GPU (CudaGraphsCuda, ctest -L cuda)";
    EXPECT_EQ(test::errorOf([] { CapturedWork work([] {}); }),
              "CUDA graphs need a build against a CUDA LibTorch (this one is CPU-only)");
}

TEST(GpuDevices, DescribesNameIndexComputeCapabilityAndMemory)
{
    GpuDevice device;
    device.index = 1;
    device.name = "NVIDIA H200";
    device.totalBytes = int64_t(150) * 1000 * 1000 * 1000; // 139.7 GiB
    device.computeMajor = 9;
    device.computeMinor = 0;
    EXPECT_EQ(describeGpu(device), "NVIDIA H200 (cuda:1, compute capability 9.0): 139.7 GiB");
    device.usedBytes = int64_t(3) << 29; // 1.5 GiB
    EXPECT_EQ(describeGpu(device), "NVIDIA H200 (cuda:1, compute capability 9.0): 139.7 GiB, 1.5 GiB in use");
}

TEST(GpuDevices, VersionNumbersInTheirOwnEncodings)
{
    EXPECT_EQ(cudaVersionText(13000, false), "13.0");
    EXPECT_EQ(cudaVersionText(12040, false), "12.4");
    EXPECT_EQ(cudaVersionText(11080, false), "11.8");
    EXPECT_EQ(cudaVersionText(91002, true), "9.10.2"); // cuDNN 9: major * 10000 + minor * 100 + patch
    EXPECT_EQ(cudaVersionText(8907, true), "8.9.7");   // cuDNN 8: major * 1000 + minor * 100 + patch
    EXPECT_EQ(cudaVersionText(0, false), "");
}

TEST(GpuDevices, NamedDevicesResolveOrSayWhatIsWrong)
{
    EXPECT_EQ(resolveDevice("cpu"), c10::Device(c10::kCPU));
    for (const std::string name : {"gpu", "", "CUDA", "cuda:", "cuda:-1", "cuda:x", "cuda:0x", "mps", "cpu:0", " cuda"})
        EXPECT_EQ(test::errorOf([&] { resolveDevice(name); }),
                  "device '" + name + "': expected cpu, cuda, cuda:N or auto");
    const int count = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
    EXPECT_EQ(resolveDevice("auto"), count > 0 ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU));
    const std::string beyond = "cuda:" + std::to_string(count);
    if (count == 0) {
        for (const std::string name : {"cuda", "cuda:0", "cuda:1"})
            EXPECT_EQ(test::errorOf([&] { resolveDevice(name); }),
                      "device '" + name + "' requested but no CUDA device is available");
        return;
    }
    EXPECT_TRUE(resolveDevice("cuda").is_cuda());
    EXPECT_EQ(resolveDevice("cuda:" + std::to_string(count - 1)), c10::Device(c10::kCUDA, count - 1));
    EXPECT_EQ(test::errorOf([&] { resolveDevice(beyond); }),
              fmt::format("device '{}' requested but this machine has {} CUDA device{} (cuda:0 to cuda:{})", beyond,
                          count, count == 1 ? "" : "s", count - 1));
}

TEST(GpuDevices, TheListMatchesWhatLibTorchSees)
{
    const BuildInfo info = queryBuildInfo();
    EXPECT_EQ(info.gpus.size(), static_cast<size_t>(info.cudaDevices));
    if (!torch::cuda::is_available()) {
        EXPECT_TRUE(cudaDeviceList().empty());
        EXPECT_EQ(cudaMemoryInUse(0), -1);
        return;
    }
    for (const GpuDevice &gpu : info.gpus) {
        EXPECT_FALSE(gpu.name.empty());
        EXPECT_GT(gpu.totalBytes, 0);
        EXPECT_GE(gpu.computeMajor, 3);
    }
    EXPECT_FALSE(info.cudaVersion.empty());
}

} // namespace
} // namespace bcos::core
