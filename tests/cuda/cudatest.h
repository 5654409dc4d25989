#pragma once
// The fixture of the `cuda` suite (ctest label cuda): every test runs on CUDA device 0, or is skipped with the
// reason (ctest reports it as skipped, never as passed).

#include <c10/core/Device.h>
#include <gtest/gtest.h>

#include <string>

namespace bcos::test {

/// Why the `cuda` tests cannot run here ("" when LibTorch has CUDA and finds a GPU).
std::string cudaUnavailableReason();

/// Runs its tests on cuda:0 with TF32 off in cuBLAS and cuDNN (the golden README: "On GPU, turn TF32 off and
/// expect about 10x looser agreement"). BCOS_CUDA_TESTS_ON_CPU=1 runs them on the CPU instead, which only checks
/// the tests themselves on a machine without a GPU.
class CudaTest : public ::testing::Test {
protected:
    void SetUp() override;

    const c10::Device &device() const { return m_device; }
    /// The factor on the golden README's CPU tolerances: 10 on CUDA, 1 on the CPU.
    double looser() const { return m_device.is_cuda() ? 10.0 : 1.0; }

private:
    c10::Device m_device{c10::kCPU};
};

/// CudaTest for TEST_P.
template <class Param>
class CudaTestWithParam : public CudaTest, public ::testing::WithParamInterface<Param> {};

} // namespace bcos::test
