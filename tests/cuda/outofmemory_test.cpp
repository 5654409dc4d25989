// A real out-of-memory on the GPU (an allocation larger than any GPU's memory) comes out of the core as the
// documented Error{Numerical} "<context>: out of memory ..." (core/error.cpp), one line without LibTorch's
// backtrace, and the device stays usable afterwards.
#include "core/error.h"
#include "tests/cuda/cudatest.h"

#include <torch/torch.h>

namespace bcos {
namespace {

class CudaOutOfMemory : public test::CudaTest {};

TEST_F(CudaOutOfMemory, ImpossibleAllocationIsTheDocumentedErrorAndTheDeviceStaysUsable)
{
    const int64_t floats = int64_t(1) << 48; // 1 PiB
    try {
        core::translateTorchErrors("explaining", [&] {
            (void)torch::empty({floats}, torch::TensorOptions().dtype(torch::kFloat).device(device()));
        });
        FAIL() << "1 PiB was allocated on " << device();
    } catch (const core::Error &error) {
        const std::string message = error.what();
        EXPECT_EQ(error.code(), core::ErrorCode::Numerical) << message;
        EXPECT_EQ(message.rfind("explaining: out of memory", 0), 0u) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
    const at::Tensor ones = torch::ones({1024}, torch::TensorOptions().device(device()));
    EXPECT_EQ(ones.sum().item<float>(), 1024.0f);
}

} // namespace
} // namespace bcos
