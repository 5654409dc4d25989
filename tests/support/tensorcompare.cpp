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

// max |x| per leading index (broadcastable against x), or over everything.
at::Tensor maxAbs(const at::Tensor &x, bool perLeadingIndex)
{
    if (!perLeadingIndex || x.dim() < 2)
        return x.abs().max();
    std::vector<int64_t> view(x.dim(), 1);
    view[0] = x.size(0);
    return x.abs().reshape({x.size(0), -1}).amax(1).view(view);
}

::testing::AssertionResult compareWithin(const at::Tensor &gotIn, const at::Tensor &expectedIn,
                                         const at::Tensor &magnitudeIn, double rtol, double atolRel,
                                         bool perLeadingIndex)
{
    auto shapes = shapeCheck(gotIn, expectedIn);
    if (!shapes)
        return shapes;
    const at::Tensor got = gotIn.detach().to(at::kCPU, at::kDouble);
    const at::Tensor expected = expectedIn.detach().to(at::kCPU, at::kDouble);
    const at::Tensor magnitude = magnitudeIn.detach().to(at::kCPU, at::kDouble).abs();
    if (got.isnan().any().item<bool>() && !expected.isnan().any().item<bool>())
        return ::testing::AssertionFailure() << "result contains NaN";
    const at::Tensor bound = rtol * magnitude + atolRel * maxAbs(magnitude, perLeadingIndex);
    return report((got - expected).abs() - bound, got, expected);
}

} // namespace

::testing::AssertionResult allCloseGolden(const at::Tensor &got, const at::Tensor &expected, double rtol,
                                          double atolRel, bool perLeadingIndex)
{
    return compareWithin(got, expected, expected, rtol, atolRel, perLeadingIndex);
}

::testing::AssertionResult allCloseToSum(const at::Tensor &got, const at::Tensor &expected,
                                         const at::Tensor &magnitude, double rtol, double atolRel,
                                         bool perLeadingIndex)
{
    auto shapes = shapeCheck(expected, magnitude);
    if (!shapes)
        return ::testing::AssertionFailure() << "magnitude: " << shapes.message();
    return compareWithin(got, expected, magnitude, rtol, atolRel, perLeadingIndex);
}

::testing::AssertionResult allCloseRgba(const at::Tensor &gotIn, const at::Tensor &expectedIn,
                                        const at::Tensor &weightsIn, double rtolW, double atolRelW, double atol)
{
    auto shapes = shapeCheck(gotIn, expectedIn);
    if (!shapes)
        return shapes;
    const bool single = weightsIn.dim() == 3;
    const at::Tensor w = (single ? weightsIn.unsqueeze(0) : weightsIn).detach().to(at::kCPU, at::kDouble);
    const at::Tensor got = (single ? gotIn.unsqueeze(0) : gotIn).detach().to(at::kCPU, at::kDouble);
    const at::Tensor expected = (single ? expectedIn.unsqueeze(0) : expectedIn).detach().to(at::kCPU, at::kDouble);
    const at::Tensor m = w.abs().amax(1, true) + 1e-12;                                 // [N, 1, H, W]
    const at::Tensor v = (w / m).clamp_min(0);                                          // [N, 6, H, W]
    const at::Tensor tolW = rtolW * w.abs() + atolRelW * maxAbs(w, true);             // |dW| bound
    const at::Tensor dv = (tolW + tolW.amax(1, true)) / m;                              // |d(W / m)| bound
    const at::Tensor share = v.slice(1, 0, 3) + v.slice(1, 3, 6);
    const at::Tensor colour = ((dv.slice(1, 0, 3) + dv.slice(1, 3, 6)) / share).nan_to_num(1, 1, 1).clamp_max(1);
    const at::Tensor bound = at::cat({colour, at::zeros_like(colour.slice(1, 0, 1))}, 1).permute({0, 2, 3, 1}) + atol;
    if (bound.sizes() != expected.sizes())
        return ::testing::AssertionFailure() << "weights " << weightsIn.sizes() << " do not match RGBA " << expectedIn.sizes();
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
