// core/error: how LibTorch failures become core::Error at the core boundary (translateTorchErrors), in particular
// the out-of-memory messages of the CPU allocator and of CUDA (the CUDA text is simulated: no GPU in CI).
#include "core/error.h"

#include <c10/util/Exception.h>
#include <gtest/gtest.h>

#include <functional>
#include <new>

namespace bcos {
namespace {

/// The core::Error that translateTorchErrors("training", ...) makes of `work`'s exception.
core::Error translated(const std::function<void()> &work)
{
    try {
        core::translateTorchErrors("training", work);
    } catch (const core::Error &error) {
        return error;
    }
    return core::Error(core::ErrorCode::Internal, "no error");
}

TEST(TranslateTorchErrors, CpuAllocatorFailureNamesTheSize)
{
    const auto error = translated([] {
        C10_THROW_ERROR(Error, "DefaultCPUAllocator: can't allocate memory: you tried to allocate 25769803776 "
                               "bytes. Error code 12 (Cannot allocate memory)");
    });
    EXPECT_EQ(error.code(), core::ErrorCode::Numerical);
    EXPECT_STREQ(error.what(), "training: out of memory: could not allocate 24.0 GiB");
}

TEST(TranslateTorchErrors, CudaOutOfMemoryKeepsCudasAccount)
{
    const auto error = translated([] {
        C10_THROW_ERROR(Error, "CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; 79.15 GiB total capacity; "
                               "60.00 GiB already allocated)\nsecond line");
    });
    EXPECT_EQ(error.code(), core::ErrorCode::Numerical);
    EXPECT_STREQ(error.what(), "training: out of memory (CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; "
                               "79.15 GiB total capacity; 60.00 GiB already allocated))");
}

TEST(TranslateTorchErrors, BadAllocOtherTorchErrorsAndCoreErrors)
{
    auto error = translated([] { throw std::bad_alloc(); });
    EXPECT_EQ(error.code(), core::ErrorCode::Numerical);
    EXPECT_STREQ(error.what(), "training: out of memory");

    error = translated([] { C10_THROW_ERROR(Error, "Expected all tensors to be on the same device\nbacktrace"); });
    EXPECT_EQ(error.code(), core::ErrorCode::Internal);
    EXPECT_STREQ(error.what(), "training: Expected all tensors to be on the same device");

    error = translated([] { throw core::Error(core::ErrorCode::Io, "run/checkpoint.pt: cannot open"); });
    EXPECT_EQ(error.code(), core::ErrorCode::Io);
    EXPECT_STREQ(error.what(), "run/checkpoint.pt: cannot open");
}

} // namespace
} // namespace bcos
