#include "agc.h"

#include "core/compat.h"
#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <map>

namespace bcos::core {
namespace {

/// The dims unitwiseNorm reduces for a parameter of this shape; empty means the whole tensor.
std::vector<int64_t> unitwiseDims(const at::Tensor &x)
{
    if (x.squeeze().dim() <= 1)
        return {};
    if (x.dim() == 2 || x.dim() == 3)
        return {1}; // sic: only dim 1, also for 3-D tensors (the reference's quirk)
    if (x.dim() == 4)
        return {1, 2, 3};
    fail(ErrorCode::InvalidArgument, "adaptive gradient clipping: unsupported parameter shape {}",
         shapeString(x.sizes()));
}

/// unitwiseNorm of each slice of `stacked` [G, ...shape] along dim 0, keeping dims: [G, ...].
at::Tensor stackedUnitwiseNorm(const at::Tensor &stacked, const std::vector<int64_t> &dims)
{
    std::vector<int64_t> shifted;
    if (dims.empty()) {
        for (int64_t d = 1; d < stacked.dim(); ++d)
            shifted.push_back(d);
    } else {
        for (const auto d : dims)
            shifted.push_back(d + 1);
    }
    if (shifted.empty()) // 0-d parameters: the norm of a scalar is its magnitude
        return stacked.abs();
    return stacked.norm(2, shifted, /*keepdim=*/true);
}

} // namespace

at::Tensor unitwiseNorm(const at::Tensor &x)
{
    const auto dims = unitwiseDims(x);
    return dims.empty() ? x.norm() : x.norm(2, dims, /*keepdim=*/true);
}

void adaptiveClipGrad(const std::vector<at::Tensor> &parameters, const AgcOptions &options)
{
    torch::NoGradGuard noGrad;
    // Same-shape parameters (the many identical convs of a ResNet stage) are clipped together: one stacked
    // computation per shape instead of one per parameter.
    // The clipped gradients are written back with one multi-tensor copy at the end (compat::copyEach).
    std::map<std::pair<std::vector<int64_t>, std::string>, std::vector<size_t>> groups; // (shape, device+dtype)
    std::vector<at::Tensor> destinations, sources;
    for (size_t i = 0; i < parameters.size(); ++i)
        if (parameters[i].grad().defined())
            groups[{parameters[i].sizes().vec(),
                     parameters[i].device().str() + c10::toString(parameters[i].scalar_type())}]
                .push_back(i);
    for (const auto &[key, members] : groups) {
        std::vector<at::Tensor> params, grads;
        for (const auto i : members) {
            params.push_back(parameters[i].detach());
            grads.push_back(parameters[i].grad());
        }
        const auto dims = unitwiseDims(params.front());
        const auto p = members.size() == 1 ? params.front().unsqueeze(0) : torch::stack(params);
        const auto g = members.size() == 1 ? grads.front().unsqueeze(0) : torch::stack(grads);
        const auto maxNorm = stackedUnitwiseNorm(p, dims).clamp_min(options.eps) * options.clipFactor;
        const auto gradNorm = stackedUnitwiseNorm(g, dims);
        // g where its norm is below the maximum, else g * max / norm, as one factor min(1, max / norm) on the norms
        // and one multiplication: the reference's where() bit for bit (max / norm rounds to >= 1 exactly when
        // norm < max, and norm >= max >= 1e-5 leaves the clamp to 1e-6 inactive; g * 1 is g; NaN stays NaN).
        const auto factor = (maxNorm / gradNorm.clamp_min(1e-6)).clamp_max(1.0);
        if (members.size() == 1) { // g is a view of the gradient: clipped in place
            g.mul_(factor);
            continue;
        }
        const auto clipped = g * factor;
        for (size_t k = 0; k < members.size(); ++k) {
            destinations.push_back(grads[k]);
            sources.push_back(clipped[static_cast<int64_t>(k)]);
        }
    }
    compat::copyEach(destinations, sources);
}

} // namespace bcos::core
