#include "statistics.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace bcos::core {
namespace {

std::vector<double> finiteValues(std::string_view context, const at::Tensor &values)
{
    if (!values.defined() || values.dim() != 1 || values.numel() == 0)
        fail(ErrorCode::InvalidArgument, "{}: expected values [N] with N >= 1, got {}", context,
             values.defined() ? shapeString(values.sizes()) : std::string("no tensor"));
    const at::Tensor v = values.detach().to(torch::kCPU, torch::kDouble).contiguous();
    if (!v.isfinite().all().item<bool>())
        fail(ErrorCode::Numerical, "{}: the values contain NaN or infinity", context);
    return std::vector<double>(v.data_ptr<double>(), v.data_ptr<double>() + v.numel());
}

/// The q-quantile of sorted values, interpolating linearly between neighbours (numpy's default).
double quantile(const std::vector<double> &sorted, double q)
{
    const double position = q * double(sorted.size() - 1);
    const auto below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - double(below)) * (sorted[above] - sorted[below]);
}

} // namespace

at::Tensor averageRanks(const at::Tensor &values)
{
    const std::vector<double> v = finiteValues("ranks", values);
    std::vector<size_t> order(v.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&v](size_t a, size_t b) { return v[a] < v[b]; });
    at::Tensor ranks = torch::empty({int64_t(v.size())}, torch::kDouble);
    double *out = ranks.data_ptr<double>();
    for (size_t begin = 0; begin < order.size();) {
        size_t end = begin + 1;
        while (end < order.size() && v[order[end]] == v[order[begin]])
            ++end;
        const double average = double(begin + 1 + end) / 2.0; // mean of the 1-based ranks begin+1 .. end
        for (size_t k = begin; k < end; ++k)
            out[order[k]] = average;
        begin = end;
    }
    return ranks;
}

double spearmanCorrelation(const at::Tensor &a, const at::Tensor &b)
{
    if (!a.defined() || !b.defined() || !a.sizes().equals(b.sizes()) || a.dim() != 1 || a.numel() == 0)
        fail(ErrorCode::InvalidArgument, "Spearman correlation: expected two vectors [M] of one length, got {} and {}",
             a.defined() ? shapeString(a.sizes()) : std::string("no tensor"),
             b.defined() ? shapeString(b.sizes()) : std::string("no tensor"));
    const at::Tensor ra = averageRanks(a), rb = averageRanks(b);
    const at::Tensor da = ra - ra.mean(), db = rb - rb.mean();
    const double norm = std::sqrt((da * da).sum().item<double>() * (db * db).sum().item<double>());
    return norm > 0 ? (da * db).sum().item<double>() / norm : 0.0;
}

MeanInterval bootstrapMeanInterval(const at::Tensor &values, double level, int64_t resamples, uint64_t seed)
{
    const std::vector<double> v = finiteValues("mean interval", values);
    if (!(level > 0 && level < 1))
        fail(ErrorCode::InvalidArgument, "mean interval: the level must lie in (0, 1), got {}", level);
    if (resamples < 1)
        fail(ErrorCode::InvalidArgument, "mean interval: resamples must be >= 1, got {}", resamples);
    MeanInterval result;
    result.count = int64_t(v.size());
    double sum = 0.0;
    for (const double x : v)
        sum += x;
    result.mean = sum / double(v.size());
    std::mt19937_64 engine(seed);
    std::vector<double> means(static_cast<size_t>(resamples));
    for (double &mean : means) {
        double total = 0.0;
        for (size_t k = 0; k < v.size(); ++k)
            total += v[size_t(engine() % v.size())]; // modulo bias ~ N / 2^64: negligible
        mean = total / double(v.size());
    }
    std::sort(means.begin(), means.end());
    result.lower = quantile(means, (1 - level) / 2);
    result.upper = quantile(means, (1 + level) / 2);
    return result;
}

} // namespace bcos::core
