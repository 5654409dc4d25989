#include "bcosscalecheck.h"

#include "core/nn/bcosscale.h"
#include "core/nn/fusedbcosscale.h"
#include "tests/support/tensorcompare.h"

#include <ATen/ATen.h>
#include <ATen/ExpandUtils.h> // at::sum_to

#include <cmath>
#include <functional>

namespace bcos::test {
namespace {

using ScaleFunction = std::function<at::Tensor(const at::Tensor &, const at::Tensor &)>;

struct Pass {
    at::Tensor y;
    at::Tensor gradOut;
    at::Tensor gradNorm;
};

Pass runWithGradients(const ScaleFunction &scale, const at::Tensor &out, const at::Tensor &norm,
                      const at::Tensor &grad, bool normNeedsGrad = true)
{
    const at::Tensor o = out.detach().clone().requires_grad_(); // clone keeps out's memory format
    const at::Tensor n = norm.detach().clone().requires_grad_(normNeedsGrad);
    const at::Tensor y = scale(o, n);
    y.backward(grad);
    return {y.detach(), o.grad(), n.grad()};
}

::testing::AssertionResult failure(const std::string &what, const ::testing::AssertionResult &result)
{
    return result ? result : ::testing::AssertionFailure() << what << ": " << result.message();
}

::testing::AssertionResult sameBits(const std::string &what, const at::Tensor &got, const at::Tensor &expected)
{
    if (got.scalar_type() != expected.scalar_type() || !at::equal(got.cpu(), expected.cpu()))
        return ::testing::AssertionFailure()
               << what << " differs from the composition's bits: "
               << allCloseAbs(got.cpu().to(at::kDouble), expected.cpu().to(at::kDouble), 0).message();
    return ::testing::AssertionSuccess();
}

} // namespace

std::vector<BcosScaleCase> bcosScaleCases()
{
    return {
        {"conv NCHW", {2, 5, 3, 4}, {2, 1, 3, 4}},
        {"conv NCHW, odd sizes", {3, 33, 7, 5}, {3, 1, 7, 5}},
        {"conv channels-last", {2, 6, 5, 3}, {2, 1, 5, 3}, true},
        {"conv channels-last, odd sizes", {3, 37, 4, 7}, {3, 1, 4, 7}, true},
        {"conv channels-last, 1 x 1 map", {4, 9, 1, 1}, {4, 1, 1, 1}, true},
        {"linear", {4, 7}, {4, 1}},
        {"linear, wider than a warp", {3, 100}, {3, 1}},
        {"ViT tokens", {2, 5, 7}, {2, 5, 1}},
        {"norm per element (grouped conv)", {2, 6, 3, 3}, {2, 6, 3, 3}},
    };
}

::testing::AssertionResult checkFusedBcosScale(const BcosScaleCase &bcosCase, const c10::Device &device,
                                               at::ScalarType dtype, bool detach, bool exactValues)
{
    at::manual_seed(11);
    const auto floats = at::TensorOptions(device).dtype(at::kFloat);
    at::Tensor out = (at::randn(bcosCase.out, floats) * 3).to(dtype);
    if (bcosCase.channelsLast)
        out = out.contiguous(at::MemoryFormat::ChannelsLast);
    const at::Tensor norm = at::rand(bcosCase.norm, floats) + 0.5;
    // Contiguous even for channels-last out: the backward reads it permuted.
    const at::Tensor grad = at::randn(bcosCase.out, floats).to(dtype);
    if (!core::fusedBcosScaleSupports(out, norm))
        return ::testing::AssertionFailure() << "fusedBcosScaleSupports() refuses the case";

    const auto fused = [detach](const at::Tensor &o, const at::Tensor &n) {
        return core::fusedBcosScale(o, n, detach);
    };
    const auto composed = [detach](const at::Tensor &o, const at::Tensor &n) {
        return core::composedBcosScale(o, n, 2.0, {}, detach);
    };
    const Pass got = runWithGradients(fused, out, norm, grad);
    const Pass expected = runWithGradients(composed, out, norm, grad);

    if (got.y.scalar_type() != dtype || got.y.sizes() != out.sizes()
        || !got.y.is_contiguous(bcosCase.channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous))
        return ::testing::AssertionFailure() << "y is " << got.y.scalar_type() << " " << got.y.sizes() << " strides "
                                             << got.y.strides() << ", not out's dtype and layout";

    // Bounds: one rounding in out's dtype (per operation the composition rounds more than once), plus fp32 sums
    // over the channels for the norm's gradient.
    const double eps = dtype == at::kBFloat16 ? std::ldexp(1.0, -8) : std::ldexp(1.0, -24);
    const int64_t channels = out.numel() / norm.numel();
    const double sumRtol = (channels + 8) * std::ldexp(1.0, -24);
    const at::Tensor o = out.to(at::kFloat);
    const at::Tensor g = grad.to(at::kFloat);
    const at::Tensor yMagnitude = o * o.abs() / norm;
    const at::Tensor gradOutMagnitude = g.abs() * o.abs() * (detach ? 1 : 2) / norm;

    auto result = exactValues ? sameBits("y", got.y, expected.y)
                              : failure("y", allCloseToSum(got.y, expected.y, yMagnitude, 2 * eps, eps * 1e-3));
    if (!result)
        return result;
    result = exactValues && detach
        ? sameBits("d/d out", got.gradOut, expected.gradOut)
        : failure("d/d out", allCloseToSum(got.gradOut, expected.gradOut, gradOutMagnitude, 4 * eps, eps * 1e-3));
    if (!result)
        return result;
    if (detach) {
        if (got.gradNorm.defined() || expected.gradNorm.defined())
            return ::testing::AssertionFailure() << "a detached factor gives norm a gradient";
        return ::testing::AssertionSuccess();
    }
    if (!got.gradNorm.defined())
        return ::testing::AssertionFailure() << "norm has no gradient";
    const at::Tensor gradNormMagnitude = at::sum_to((g * o * o.abs()).abs(), norm.sizes()) / norm.square();
    result = failure("d/d norm", allCloseToSum(got.gradNorm, expected.gradNorm, gradNormMagnitude,
                                               (dtype == at::kBFloat16 ? 4 * eps : 0) + sumRtol, sumRtol * 1e-3));
    if (!result)
        return result;
    // Without a gradient for the norm the backward is elementwise (another kernel on CUDA): the same values of out's.
    const Pass outOnly = runWithGradients(fused, out, norm, grad, /*normNeedsGrad=*/false);
    if (outOnly.gradNorm.defined())
        return ::testing::AssertionFailure() << "a norm that needs no gradient got one";
    return sameBits("d/d out without the norm's gradient", outOnly.gradOut, got.gradOut);
}

} // namespace bcos::test
