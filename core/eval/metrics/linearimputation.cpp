#include "linearimputation.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// The neighbour weights of ROAD's imputer as a 3 x 3 stencil (0 at the centre), one per channel.
at::Tensor stencil(int64_t channels, const at::TensorOptions &options)
{
    const double edge = 1.0 / 6.0, corner = 1.0 / 12.0;
    const at::Tensor k = torch::tensor({corner, edge, corner, edge, 0.0, edge, corner, edge, corner}, torch::kDouble);
    return k.view({1, 1, 3, 3}).expand({channels, 1, 3, 3}).to(options);
}

/// sum_j w_ij u_j over the in-image neighbours j (zero padding drops the outside ones).
at::Tensor neighbourSum(const at::Tensor &u, const at::Tensor &weights)
{
    namespace F = torch::nn::functional;
    return F::conv2d(u, weights, F::Conv2dFuncOptions().padding(1).groups(u.size(1)));
}

/// Per-system dot product of [B, C, H, W] tensors -> [B, C, 1, 1].
at::Tensor systemDot(const at::Tensor &a, const at::Tensor &b) { return (a * b).sum({2, 3}, true); }

/// a / b where b != 0, else 0 (systems that have converged or have no unknowns stay put).
at::Tensor safeDivide(const at::Tensor &a, const at::Tensor &b)
{
    return torch::where(b.ne(0), a / torch::where(b.ne(0), b, torch::ones_like(b)), torch::zeros_like(a));
}

} // namespace

at::Tensor linearImputation(const at::Tensor &images, const at::Tensor &removed, double tolerance)
{
    if (!images.defined() || images.dim() != 4 || !images.is_floating_point() || !removed.defined()
        || removed.dim() != 3 || removed.size(0) != images.size(0) || removed.size(1) != images.size(2)
        || removed.size(2) != images.size(3))
        fail(ErrorCode::InvalidArgument, "linear imputation: expected images [B, C, H, W] and a removal mask [B, H, W], got {} and {}",
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"),
             removed.defined() ? shapeString(removed.sizes()) : std::string("no tensor"));
    const int64_t channels = images.size(1);
    const at::Tensor v = images.detach().to(torch::kDouble);
    const at::Tensor m = removed.to(v.options()).unsqueeze(1).expand_as(v).contiguous(); // 1: unknown
    const at::Tensor weights = stencil(channels, v.options());
    const at::Tensor degree = neighbourSum(torch::ones_like(v), weights);                // sum of in-image w_ij
    // A u = m (d u - W (m u)), b = m W ((1 - m) v): the equations of the removed pixels only.
    const auto apply = [&](const at::Tensor &u) { return m * (degree * u - neighbourSum(m * u, weights)); };
    const at::Tensor b = m * neighbourSum((1 - m) * v, weights);

    at::Tensor u = torch::zeros_like(v), r = b.clone(), p = r.clone(), rr = systemDot(r, r);
    const at::Tensor limit = systemDot(b, b) * (tolerance * tolerance);
    const int64_t maxIterations = images.size(2) * images.size(3) + 1; // CG ends within n steps in exact arithmetic
    int64_t iteration = 0;
    for (; iteration < maxIterations && rr.gt(limit).any().item<bool>(); ++iteration) {
        const at::Tensor ap = apply(p);
        const at::Tensor alpha = safeDivide(rr, systemDot(p, ap));
        u += alpha * p;
        r -= alpha * ap;
        const at::Tensor next = systemDot(r, r);
        p = r + safeDivide(next, rr) * p;
        rr = next;
    }
    if (rr.gt(limit).any().item<bool>())
        fail(ErrorCode::Numerical, "linear imputation: conjugate gradients did not converge in {} iterations", iteration);
    return ((1 - m) * v + u).to(images.scalar_type());
}

} // namespace bcos::core
