// Ranks, Spearman's rho and the bootstrap interval of the mean on cases with known answers.
#include "core/eval/metrics/statistics.h"
#include "tests/support/errorof.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cmath>

namespace bcos {
namespace {

using test::errorOf;

at::Tensor values(std::vector<double> list) { return torch::tensor(list, torch::kDouble); }

TEST(Statistics, TiesShareTheirAverageRank)
{
    EXPECT_TRUE(torch::equal(core::averageRanks(values({3, 1, 2, 2})), values({4, 1, 2.5, 2.5})));
    EXPECT_TRUE(torch::equal(core::averageRanks(values({5, 5, 5})), values({2, 2, 2})));
}

TEST(Statistics, SpearmanOnHandComputedCases)
{
    // One swap: 1 - 6 sum d^2 / (n (n^2 - 1)) = 1 - 12 / 60.
    EXPECT_NEAR(core::spearmanCorrelation(values({1, 2, 3, 4}), values({1, 3, 2, 4})), 0.8, 1e-15);
    // With a tie (ranks 1.5, 1.5, 3, 4): 4.5 / sqrt(4.5 * 5) = sqrt(0.9).
    EXPECT_NEAR(core::spearmanCorrelation(values({1, 1, 2, 3}), values({1, 2, 3, 4})), std::sqrt(0.9), 1e-15);
    EXPECT_NEAR(core::spearmanCorrelation(values({1, 2, 3, 4}), values({4, 3, 2, 1})), -1.0, 1e-15);
    EXPECT_EQ(core::spearmanCorrelation(values({2, 2, 2}), values({1, 2, 3})), 0.0); // no ranking: defined as 0
}

TEST(Statistics, SpearmanSeesOnlyTheOrder)
{
    const at::Tensor a = torch::randn({50}, torch::kDouble), b = torch::randn({50}, torch::kDouble);
    const double rho = core::spearmanCorrelation(a, b);
    EXPECT_EQ(core::spearmanCorrelation(a * 3 + 1, b.exp()), rho); // monotone maps keep every rank
    EXPECT_NEAR(core::spearmanCorrelation(a, a.pow(3)), 1.0, 1e-15);
}

TEST(Statistics, BootstrapIntervalOfConstantAndSingleValues)
{
    const auto constant = core::bootstrapMeanInterval(torch::full({40}, 0.375, torch::kDouble));
    EXPECT_EQ(constant.mean, 0.375); // sums of multiples of 1/8: exact
    EXPECT_EQ(constant.lower, 0.375);
    EXPECT_EQ(constant.upper, 0.375);
    EXPECT_EQ(constant.count, 40);
    const auto single = core::bootstrapMeanInterval(values({-2.5}));
    EXPECT_EQ(single.lower, -2.5);
    EXPECT_EQ(single.upper, -2.5);
}

TEST(Statistics, BootstrapIntervalOfACoinMatchesTheNormalApproximation)
{
    // 1000 values, half ones: the mean 0.5 has standard error 0.5 / sqrt(1000) = 0.0158, so the 95 % interval is
    // about 0.5 -+ 0.031. Sums of 0/1 values are exact and the draws portable: the same numbers everywhere.
    const at::Tensor coin = torch::arange(1000, torch::kDouble).remainder(2);
    const auto interval = core::bootstrapMeanInterval(coin);
    EXPECT_EQ(interval.mean, 0.5);
    EXPECT_NEAR(interval.lower, 0.5 - 1.96 * 0.5 / std::sqrt(1000.0), 0.004);
    EXPECT_NEAR(interval.upper, 0.5 + 1.96 * 0.5 / std::sqrt(1000.0), 0.004);
    const auto wider = core::bootstrapMeanInterval(coin, 0.99);
    EXPECT_LT(wider.lower, interval.lower);
    EXPECT_GT(wider.upper, interval.upper);
    const auto again = core::bootstrapMeanInterval(coin);
    EXPECT_EQ(again.lower, interval.lower); // seeded
}

TEST(Statistics, BootstrapDrawsDependOnTheSeed)
{
    const at::Tensor skewed = (torch::arange(1, 101, torch::kDouble) / 100).pow(3); // no lattice of means
    const auto a = core::bootstrapMeanInterval(skewed, 0.95, 2000, 0), b = core::bootstrapMeanInterval(skewed, 0.95, 2000, 1);
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_NE(a.lower, b.lower);
    EXPECT_LT(a.lower, a.mean);
    EXPECT_GT(a.upper, a.mean);
}

TEST(Statistics, ClearErrors)
{
    EXPECT_EQ(errorOf([] { core::bootstrapMeanInterval(torch::zeros({0}, torch::kDouble)); }),
              "mean interval: expected values [N] with N >= 1, got [0]");
    EXPECT_EQ(errorOf([] { core::bootstrapMeanInterval(values({1, std::nan("")})); }),
              "mean interval: the values contain NaN or infinity");
    EXPECT_EQ(errorOf([] { core::bootstrapMeanInterval(values({1, 2}), 1.0); }),
              "mean interval: the level must lie in (0, 1), got 1");
    EXPECT_EQ(errorOf([] { core::spearmanCorrelation(values({1, 2}), values({1, 2, 3})); }),
              "Spearman correlation: expected two vectors [M] of one length, got [2] and [3]");
    EXPECT_EQ(errorOf([] { core::spearmanCorrelation(values({1, std::nan("")}), values({1, 2})); }),
              "ranks: the values contain NaN or infinity");
}

} // namespace
} // namespace bcos
