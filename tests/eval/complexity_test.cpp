// Sparseness (Gini) and complexity (entropy) on maps with closed-form answers.
#include "core/eval/metrics/complexity.h"
#include "tests/support/errorof.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>

namespace bcos {
namespace {

using test::errorOf;

/// [3, 5, 6]: a one-hot map, a constant map and a one-hot map with a negative entry.
at::Tensor extremes()
{
    at::Tensor maps = torch::zeros({3, 5, 6});
    maps[0][2][3] = 4.0f;
    maps[1].fill_(0.25f);
    maps[2][4][5] = -7.0f;
    return maps;
}

TEST(Sparseness, GiniOfOneHotAndConstantMaps)
{
    const at::Tensor gini = core::giniSparseness(extremes());
    const double n = 30.0;
    EXPECT_NEAR(gini[0].item<double>(), 1.0 - 1.0 / n, 1e-15);
    EXPECT_NEAR(gini[1].item<double>(), 0.0, 1e-15);
    EXPECT_NEAR(gini[2].item<double>(), 1.0 - 1.0 / n, 1e-15); // of |a|
}

TEST(Sparseness, HandComputedGini)
{
    // |a| sorted = 0, 0, 1, 3: sum_k (2k - 5) v_k = 1 + 9 = 10, divided by n sum v = 4 * 4.
    const at::Tensor map = torch::tensor({3.0, 0.0, -1.0, 0.0}, torch::kDouble).view({1, 2, 2});
    EXPECT_DOUBLE_EQ(core::giniSparseness(map)[0].item<double>(), 0.625);
}

TEST(Sparseness, ScaleAndSignDoNotMatter)
{
    const at::Tensor maps = torch::randn({4, 7, 9}, torch::kDouble);
    const at::Tensor gini = core::giniSparseness(maps);
    // Scaling every term by c scales both sums by c: the ratio moves by rounding only (n = 63 terms of |a|).
    EXPECT_TRUE(torch::allclose(core::giniSparseness(maps * 123.5), gini, 0.0, 63 * 4 * DBL_EPSILON));
    EXPECT_TRUE(torch::allclose(core::giniSparseness(-maps), gini, 0.0, 0.0));
}

TEST(Complexity, EntropyOfOneHotConstantAndHandMadeMaps)
{
    const at::Tensor entropy = core::attributionEntropy(extremes());
    EXPECT_EQ(entropy[0].item<double>(), 0.0); // 1 ln 1 and 0 ln 0
    EXPECT_NEAR(entropy[1].item<double>(), std::log(30.0), 1e-14);
    EXPECT_EQ(entropy[2].item<double>(), 0.0);
    // P = 1/4, 1/4, 1/2: H = 1.5 ln 2.
    const at::Tensor map = torch::tensor({1.0, -1.0, 2.0}, torch::kDouble).view({1, 1, 3});
    EXPECT_NEAR(core::attributionEntropy(map)[0].item<double>(), 1.5 * std::log(2.0), 1e-15);
}

TEST(Complexity, ScaleDoesNotMatter)
{
    const at::Tensor maps = torch::randn({4, 7, 9}, torch::kDouble);
    const at::Tensor entropy = core::attributionEntropy(maps);
    EXPECT_TRUE(torch::allclose(core::attributionEntropy(maps * 1e-5), entropy, 0.0, 63 * 4 * DBL_EPSILON * std::log(63.0)));
}

TEST(ComplexityAndSparseness, ClearErrors)
{
    at::Tensor maps = extremes();
    maps[1].zero_();
    EXPECT_EQ(errorOf([&] { core::giniSparseness(maps); }),
              "sparseness: attribution map 1 is all zero (its Gini index is 0 / 0)");
    EXPECT_EQ(errorOf([&] { core::attributionEntropy(maps); }),
              "complexity: attribution map 1 is all zero (its normalised attribution is 0 / 0)");
    maps[2][0][0] = std::nan("");
    EXPECT_EQ(errorOf([&] { core::attributionEntropy(maps); }), "complexity: attribution map 2 contains NaN");
    EXPECT_EQ(errorOf([] { core::giniSparseness(torch::zeros({5, 6})); }),
              "sparseness: expected attribution maps [N, H, W] floating point, got [5, 6] Float");
    EXPECT_EQ(errorOf([] { core::giniSparseness(torch::zeros({0, 5, 6})); }),
              "sparseness: the attribution maps [0, 5, 6] are empty");
}

} // namespace
} // namespace bcos
