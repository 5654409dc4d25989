#include "linearimputation.h"

#include "core/error.h"
#include "core/shape.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bcos::core {
namespace {

/// ROAD's neighbour weights: 1/6 for the 4 direct neighbours, 1/12 for the diagonal ones.
double neighbourWeight(int64_t dy, int64_t dx) { return dy == 0 || dx == 0 ? 1.0 / 6.0 : 1.0 / 12.0; }

/// The system of one image in raster order as a symmetric band matrix (lower part, bandwidth W + 1: the lower
/// neighbours of pixel i are i - 1, i - W + 1, i - W, i - W - 1). Removed pixel i: sum_j w_ij x_i - sum_{j removed}
/// w_ij x_j = sum_{j kept} w_ij v_j; kept pixel i: x_i = v_i, with no coupling, so the matrix stays symmetric.
/// band[i * (b + 1) + k] = A(i, i - k).
struct BandSystem {
    int64_t n = 0, b = 0;
    std::vector<double> band;
    std::vector<double> rhs; ///< [C][n]
};

BandSystem assemble(const double *values, const bool *removed, int64_t channels, int64_t h, int64_t w)
{
    BandSystem system;
    system.n = h * w;
    system.b = w + 1;
    system.band.assign(size_t(system.n * (system.b + 1)), 0.0);
    system.rhs.assign(size_t(channels * system.n), 0.0);
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x) {
            const int64_t i = y * w + x;
            double *row = &system.band[size_t(i * (system.b + 1))];
            if (!removed[i]) {
                row[0] = 1.0;
                for (int64_t c = 0; c < channels; ++c)
                    system.rhs[size_t(c * system.n + i)] = values[c * system.n + i];
                continue;
            }
            for (int64_t dy = -1; dy <= 1; ++dy)
                for (int64_t dx = -1; dx <= 1; ++dx) {
                    const int64_t ny = y + dy, nx = x + dx, j = ny * w + nx;
                    if ((dy == 0 && dx == 0) || ny < 0 || nx < 0 || ny >= h || nx >= w)
                        continue;
                    const double weight = neighbourWeight(dy, dx);
                    row[0] += weight;
                    if (!removed[j]) {
                        for (int64_t c = 0; c < channels; ++c)
                            system.rhs[size_t(c * system.n + i)] += weight * values[c * system.n + j];
                    } else if (j < i) {
                        row[i - j] = -weight;
                    }
                }
        }
    return system;
}

/// In-place banded Cholesky A = L L^T (L in the same storage); false when A is not positive definite.
bool factorise(BandSystem &s)
{
    const int64_t stride = s.b + 1;
    for (int64_t i = 0; i < s.n; ++i) {
        double *li = &s.band[size_t(i * stride)];
        for (int64_t j = std::max<int64_t>(0, i - s.b); j <= i; ++j) {
            const double *lj = &s.band[size_t(j * stride)];
            double sum = li[i - j];
            for (int64_t k = std::max<int64_t>(0, i - s.b); k < j; ++k) // sum_k L(i, k) L(j, k)
                sum -= li[i - k] * lj[j - k];
            if (i == j) {
                if (!(sum > 0))
                    return false;
                li[0] = std::sqrt(sum);
            } else {
                li[i - j] = sum / lj[0];
            }
        }
    }
    return true;
}

/// Solves L L^T x = rhs for each channel, in place.
void substitute(BandSystem &s, int64_t channels)
{
    const int64_t stride = s.b + 1;
    for (int64_t c = 0; c < channels; ++c) {
        double *x = &s.rhs[size_t(c * s.n)];
        for (int64_t i = 0; i < s.n; ++i) { // L y = rhs
            const double *li = &s.band[size_t(i * stride)];
            for (int64_t k = std::max<int64_t>(0, i - s.b); k < i; ++k)
                x[i] -= li[i - k] * x[k];
            x[i] /= li[0];
        }
        for (int64_t i = s.n - 1; i >= 0; --i) { // L^T x = y
            for (int64_t k = i + 1; k <= std::min(s.n - 1, i + s.b); ++k)
                x[i] -= s.band[size_t(k * stride + (k - i))] * x[k];
            x[i] /= s.band[size_t(i * stride)];
        }
    }
}

} // namespace

at::Tensor linearImputation(const at::Tensor &images, const at::Tensor &removed)
{
    if (!images.defined() || images.dim() != 4 || !images.is_floating_point() || !removed.defined()
        || removed.dim() != 3 || removed.size(0) != images.size(0) || removed.size(1) != images.size(2)
        || removed.size(2) != images.size(3))
        fail(ErrorCode::InvalidArgument, "linear imputation: expected images [B, C, H, W] and a removal mask [B, H, W], got {} and {}",
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"),
             removed.defined() ? shapeString(removed.sizes()) : std::string("no tensor"));
    const int64_t batch = images.size(0), channels = images.size(1), h = images.size(2), w = images.size(3);
    const at::Tensor mask = removed.to(torch::kCPU, torch::kBool).contiguous();
    const at::Tensor all = mask.flatten(1).all(1).nonzero();
    if (all.size(0) > 0)
        fail(ErrorCode::InvalidArgument, "linear imputation: every pixel of image {} is removed, none is left to impute from",
             all[0][0].item<int64_t>());
    at::Tensor values = images.detach().to(torch::kCPU, torch::kDouble).contiguous().clone();
    std::vector<char> solved(size_t(batch), 0);
    at::parallel_for(0, batch, 1, [&](int64_t begin, int64_t end) {
        for (int64_t n = begin; n < end; ++n) {
            double *image = values.data_ptr<double>() + n * channels * h * w;
            BandSystem system = assemble(image, mask.data_ptr<bool>() + n * h * w, channels, h, w);
            if (!factorise(system))
                continue;
            substitute(system, channels);
            std::copy(system.rhs.begin(), system.rhs.end(), image);
            solved[size_t(n)] = 1;
        }
    });
    // With a kept pixel every group of removed pixels is tied to a known value: positive definite, so this
    // guards against rounding in pathological inputs only.
    if (const auto it = std::find(solved.begin(), solved.end(), 0); it != solved.end())
        fail(ErrorCode::Numerical, "linear imputation: the system of image {} is not positive definite",
             int64_t(it - solved.begin()));
    return values.to(images.options());
}

} // namespace bcos::core
