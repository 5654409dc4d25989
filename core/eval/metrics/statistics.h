#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace bcos::core {

/// 1-based ranks of values [M] in ascending order, ties sharing their average rank (the "fractional" ranking
/// that Spearman's rho with ties uses) -> [M] double.
at::Tensor averageRanks(const at::Tensor &values);

/// Spearman's rank correlation of a [M] and b [M]: the Pearson correlation of averageRanks(a) and
/// averageRanks(b), in [-1, 1]. A constant vector has no ranking; its correlation is defined as 0 here (it shares
/// no order with anything). Throws Error{InvalidArgument} for different or empty shapes, Error{Numerical} for NaN.
double spearmanCorrelation(const at::Tensor &a, const at::Tensor &b);

/// A mean with its confidence interval.
struct MeanInterval {
    double mean = 0.0;
    double lower = 0.0;
    double upper = 0.0;
    int64_t count = 0;
};

/// The mean of values [N] and its percentile-bootstrap confidence interval (Efron & Tibshirani, "An Introduction
/// to the Bootstrap", 1993, ch. 13): `resamples` times, draw N values with replacement (seeded, the same on every
/// platform) and take their mean; the interval is the (1 - level) / 2 and (1 + level) / 2 quantiles of those
/// means (linear interpolation). It makes no normality assumption (per-image metrics are often skewed or
/// bounded, e.g. the 0/1 increase in confidence). N = 1 gives the value as both ends. Throws
/// Error{InvalidArgument} for no values, a level outside (0, 1) or resamples < 1, Error{Numerical} for NaN/Inf.
MeanInterval bootstrapMeanInterval(const at::Tensor &values, double level = 0.95, int64_t resamples = 2000,
                                   uint64_t seed = 0);

} // namespace bcos::core
