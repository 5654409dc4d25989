#include "tensorcompare.h"

#include <ATen/ATen.h>
#include <fmt/format.h>

namespace bcos::test {
namespace {

::testing::AssertionResult shapeCheck(const at::Tensor &got, const at::Tensor &expected)
{
    if (got.sizes() != expected.sizes())
        return ::testing::AssertionFailure() << "shape " << got.sizes() << " != expected " << expected.sizes();
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult report(const at::Tensor &excess, const at::Tensor &got, const at::Tensor &expected)
{
    if (excess.numel() == 0 || excess.max().item<double>() <= 0)
        return ::testing::AssertionSuccess();
    const auto flatIndex = excess.reshape(-1).argmax().item<int64_t>();
    return ::testing::AssertionFailure() << fmt::format(
               "{} elements out of tolerance; worst at flat index {}: got {:.8g}, expected {:.8g}",
               (excess > 0).sum().item<int64_t>(), flatIndex, got.reshape(-1)[flatIndex].item<double>(),
               expected.reshape(-1)[flatIndex].item<double>());
}

} // namespace

::testing::AssertionResult allCloseGolden(const at::Tensor &gotIn, const at::Tensor &expectedIn, double rtol,
                                          double atolRel, bool perLeadingIndex)
{
    auto shapes = shapeCheck(gotIn, expectedIn);
    if (!shapes)
        return shapes;
    const at::Tensor got = gotIn.detach().to(at::kCPU, at::kDouble);
    const at::Tensor expected = expectedIn.detach().to(at::kCPU, at::kDouble);
    if (got.isnan().any().item<bool>() && !expected.isnan().any().item<bool>())
        return ::testing::AssertionFailure() << "result contains NaN";
    at::Tensor scale;
    if (perLeadingIndex && expected.dim() >= 2) {
        scale = expected.abs().reshape({expected.size(0), -1}).amax(1);
        std::vector<int64_t> view(expected.dim(), 1);
        view[0] = expected.size(0);
        scale = scale.view(view);
    } else {
        scale = expected.abs().max();
    }
    const at::Tensor bound = rtol * expected.abs() + atolRel * scale;
    return report((got - expected).abs() - bound, got, expected);
}

::testing::AssertionResult allCloseAbs(const at::Tensor &gotIn, const at::Tensor &expectedIn, double atol)
{
    auto shapes = shapeCheck(gotIn, expectedIn);
    if (!shapes)
        return shapes;
    const at::Tensor got = gotIn.detach().to(at::kCPU, at::kDouble);
    const at::Tensor expected = expectedIn.detach().to(at::kCPU, at::kDouble);
    return report((got - expected).abs() - atol, got, expected);
}

} // namespace bcos::test
