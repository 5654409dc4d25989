#include "cudatest.h"

#include "core/compat.h"

#include <ATen/Context.h> // TF32 switches
#include <torch/cuda.h>

#include <cstdlib>

namespace bcos::test {

std::string cudaUnavailableReason()
{
    // (at::hasCUDA() cannot tell a CPU-only LibTorch from a CUDA one on a machine without a GPU: both say false.)
    if (!torch::cuda::is_available())
        return "needs a CUDA GPU: LibTorch " + compat::torchVersion()
               + " finds none (a CPU-only LibTorch, or no GPU or driver on this machine)";
    return {};
}

void CudaTest::SetUp()
{
    const char *onCpu = std::getenv("BCOS_CUDA_TESTS_ON_CPU");
    if (onCpu && std::string(onCpu) == "1") {
        m_device = c10::Device(c10::kCPU);
        return;
    }
    const std::string reason = cudaUnavailableReason();
    if (!reason.empty())
        GTEST_SKIP() << reason;
    m_device = c10::Device(c10::kCUDA, 0);
    at::globalContext().setAllowTF32CuBLAS(false);
    at::globalContext().setAllowTF32CuDNN(false);
}

} // namespace bcos::test
