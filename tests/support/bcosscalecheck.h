#pragma once
// The fused B-cos scale (core/nn/fusedbcosscale.h) against the ATen composition it replaces, on any device: the CPU
// suite checks the reference loops, the cuda suite the kernel, with the same cases and tolerances.

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bcos::test {

/// One shape of the B-cos layers: `out` and the `norm` that broadcasts over its channels, out channels-last or not.
struct BcosScaleCase {
    std::string name;
    std::vector<int64_t> out;
    std::vector<int64_t> norm;
    bool channelsLast = false;
};

/// NCHW and channels-last conv outputs (odd sizes, a 1 x 1 map), linear outputs (narrower and wider than a warp),
/// ViT tokens and a norm per element (grouped convolutions).
std::vector<BcosScaleCase> bcosScaleCases();

/// Runs fusedBcosScale(out, norm, detach) and composedBcosScale(out, norm, 2, {}, detach) on seeded data on `device`
/// with `out` in `dtype` (fp32 norm) and backpropagates a seeded gradient through both. Checks out's dtype and
/// memory layout in the result, and values and gradients of out and norm within bounds derived from the magnitudes
/// summed (|g| 2|out| / norm per element, sum_C |g out |out|| / norm^2 per norm), the dtype's epsilon and the channel
/// count; `exactValues`: the forward values and the detached gradient of out bit for bit (the same correctly
/// rounded operations as the composition). Also checks that a norm without gradient leaves out's gradient as it is.
::testing::AssertionResult checkFusedBcosScale(const BcosScaleCase &bcosCase, const c10::Device &device,
                                               at::ScalarType dtype, bool detach, bool exactValues);

} // namespace bcos::test
