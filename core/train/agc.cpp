#include "agc.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

at::Tensor unitwiseNorm(const at::Tensor &x)
{
    if (x.squeeze().dim() <= 1)
        return x.norm();
    if (x.dim() == 2 || x.dim() == 3)
        return x.norm(2, {1}, /*keepdim=*/true);
    if (x.dim() == 4)
        return x.norm(2, {1, 2, 3}, /*keepdim=*/true);
    fail(ErrorCode::InvalidArgument, "adaptive gradient clipping: unsupported parameter shape {}",
         shapeString(x.sizes()));
}

void adaptiveClipGrad(const std::vector<at::Tensor> &parameters, const AgcOptions &options)
{
    torch::NoGradGuard noGrad;
    for (const auto &parameter : parameters) {
        auto grad = parameter.grad();
        if (!grad.defined())
            continue;
        const auto maxNorm = unitwiseNorm(parameter.detach()).clamp_min(options.eps) * options.clipFactor;
        const auto gradNorm = unitwiseNorm(grad);
        const auto clipped = grad * (maxNorm / gradNorm.clamp_min(1e-6));
        grad.copy_(torch::where(gradNorm < maxNorm, grad, clipped));
    }
}

} // namespace bcos::core
