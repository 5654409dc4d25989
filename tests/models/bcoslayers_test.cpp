// The B-cos layers with bf16 activations (what CUDA autocast gives them): the patch norms are summed and rooted in
// fp32 and only the final factor is rounded to bf16, so the output is exactly the bf16 product of the bf16 linear
// output and the fp32 factor, and keeps the bf16 dtype. The fp32 path is the golden one and is left untouched.
#include "core/nn/bcosconv2d.h"
#include "core/nn/bcoslinear.h"
#include "core/nn/bcosscale.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos {
namespace {

namespace F = torch::nn::functional;

TEST(BcosLayers, Bf16ActivationsGetFp32NormsAndKeepTheirDtype)
{
    torch::manual_seed(7);
    core::BcosConv2dOptions convOptions;
    convOptions.inChannels = 64;
    convOptions.outChannels = 8;
    convOptions.kernelSize = 3;
    convOptions.padding = 1;
    core::BcosConv2d conv(convOptions);
    conv->to(torch::kBFloat16);
    const at::Tensor x = (torch::randn({2, 64, 6, 6}) * 3).to(torch::kBFloat16);
    const at::Tensor out = conv->forward(x);
    ASSERT_EQ(out.scalar_type(), torch::kBFloat16);

    torch::NoGradGuard noGrad;
    const at::Tensor linear = conv->linear->forward(x); // bf16, as inside the layer
    const at::Tensor squares = x.to(torch::kFloat).square().sum(1, true);
    const at::Tensor norms =
        (F::avg_pool2d(squares, F::AvgPool2dFuncOptions(3).stride(1).padding(1).divisor_override(1)) + 1e-6).sqrt();
    const at::Tensor expected = (linear.to(torch::kFloat).abs() / norms).to(torch::kBFloat16) * linear;
    EXPECT_TRUE(torch::equal(out, expected));
    // Rounding the norms to bf16 as well (what the layer did before) changes most outputs.
    const at::Tensor bf16Norms = norms.to(torch::kBFloat16);
    EXPECT_FALSE(torch::equal(out, (linear.abs() / bf16Norms) * linear));

    core::BcosLinearOptions denseOptions;
    denseOptions.inFeatures = 96;
    denseOptions.outFeatures = 5;
    core::BcosLinear dense(denseOptions);
    dense->to(torch::kBFloat16);
    const at::Tensor v = (torch::randn({4, 96}) * 3).to(torch::kBFloat16);
    const at::Tensor denseOut = dense->forward(v);
    ASSERT_EQ(denseOut.scalar_type(), torch::kBFloat16);
    const at::Tensor denseLinear = dense->linear->forward(v);
    const at::Tensor denseNorms = v.to(torch::kFloat).norm(2, -1, true) + 1e-12;
    EXPECT_TRUE(torch::equal(denseOut, (denseLinear.to(torch::kFloat).abs() / denseNorms).to(torch::kBFloat16) * denseLinear));

    EXPECT_EQ(core::normPrecision(x).scalar_type(), torch::kFloat);
    const at::Tensor same = torch::ones({2});
    EXPECT_TRUE(core::normPrecision(same).is_same(same)); // fp32 is read as it is
}

} // namespace
} // namespace bcos
