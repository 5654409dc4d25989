// The fused B-cos scale's CPU reference loops (core/nn/fusedbcosscale.h), the reference of the CUDA kernel, against
// the ATen composition applyBcosScale runs: values bit for bit, gradients of out and norm to rounding, for every
// layout of the B-cos layers, fp32 and bf16 outputs, detached or not. tests/cuda/fusedbcosscale_test.cpp runs the
// same checks on the kernel.
#include "core/nn/bcosscale.h"
#include "core/nn/fusedbcosscale.h"
#include "tests/support/bcosscalecheck.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdlib>
#include <string>

namespace bcos {
namespace {

TEST(FusedBcosScale, CpuLoopsMatchTheCompositionInValuesAndGradients)
{
    for (const auto &bcosCase : test::bcosScaleCases())
        for (const auto dtype : {torch::kFloat, torch::kBFloat16})
            for (const bool detach : {false, true})
                EXPECT_TRUE(test::checkFusedBcosScale(bcosCase, torch::kCPU, dtype, detach, /*exactValues=*/true))
                    << bcosCase.name << ", " << dtype << (detach ? ", detached" : "");
}

TEST(FusedBcosScale, OtherDtypesAndShapesGetTheComposition)
{
    torch::manual_seed(3);
    const at::Tensor out = torch::randn({2, 4, 3, 3});
    const at::Tensor norm = torch::rand({2, 1, 3, 3}) + 0.5;
    struct Refused {
        const char *why;
        at::Tensor out;
        at::Tensor norm;
    };
    const Refused refused[] = {
        {"fp16 out", out.to(torch::kHalf), norm},
        {"fp64 out", out.to(torch::kDouble), norm.to(torch::kDouble)},
        {"bf16 norm", out.to(torch::kBFloat16), norm.to(torch::kBFloat16)},
        {"norm broadcasting over two dimensions", out, torch::rand({2, 1, 1, 3}) + 0.5},
        {"norm with fewer dimensions", out, torch::rand({3, 3}) + 0.5},
        {"no elements", torch::randn({0, 4}), torch::rand({0, 1})},
    };
    for (const auto &[why, o, n] : refused) {
        EXPECT_FALSE(core::fusedBcosScaleSupports(o, n)) << why;
        for (const bool detach : {false, true})
            EXPECT_TRUE(torch::equal(core::fusedBcosScale(o, n, detach), core::composedBcosScale(o, n, 2, {}, detach)))
                << why;
    }
}

TEST(FusedBcosScale, CreateGraphGivesGradientsThatDifferentiateLikeTheComposition)
{
    torch::manual_seed(5);
    const at::Tensor out = torch::randn({3, 6, 4}) * 2;
    const at::Tensor norm = torch::rand({3, 1, 4}) + 0.5;
    const at::Tensor grad = torch::randn({3, 6, 4});
    at::Tensor secondOrder[2][2]; // [fused][out, norm]
    for (const bool fused : {false, true}) {
        const at::Tensor o = out.clone().requires_grad_();
        const at::Tensor n = norm.clone().requires_grad_();
        const at::Tensor y = fused ? core::fusedBcosScale(o, n, false) : core::composedBcosScale(o, n, 2, {}, false);
        const auto first = torch::autograd::grad({y}, {o, n}, {grad}, /*retain_graph=*/true, /*create_graph=*/true);
        const auto second = torch::autograd::grad({first[0].square().sum() + first[1].square().sum()}, {o, n});
        secondOrder[fused][0] = second[0];
        secondOrder[fused][1] = second[1];
    }
    EXPECT_TRUE(torch::allclose(secondOrder[1][0], secondOrder[0][0], 1e-5, 1e-5));
    EXPECT_TRUE(torch::allclose(secondOrder[1][1], secondOrder[0][1], 1e-5, 1e-5));
}

TEST(FusedBcosScale, TheCpuPathOfApplyBcosScaleStaysTheComposition)
{
    const char *environment = std::getenv("BCOS_FUSED_KERNELS");
    EXPECT_EQ(core::fusedKernelsEnabled(), !(environment && std::string(environment) == "0"));
    const bool before = core::fusedKernelsEnabled();
    core::setFusedKernels(true);
    torch::manual_seed(9);
    const at::Tensor out = torch::randn({2, 8, 5, 5});
    const at::Tensor norm = torch::rand({2, 1, 5, 5}) + 0.5;
    EXPECT_TRUE(torch::equal(core::applyBcosScale(out, norm, 2, {}, false),
                             core::composedBcosScale(out, norm, 2, {}, false)));
    core::setFusedKernels(false);
    EXPECT_FALSE(core::fusedKernelsEnabled());
    core::setFusedKernels(before);
}

} // namespace
} // namespace bcos
