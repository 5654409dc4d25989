#include "bcosscale.h"

#include "core/nn/fusedbcosscale.h"

#include <ATen/ATen.h>

namespace bcos::core {

at::Tensor applyBcosScale(const at::Tensor &out, at::Tensor norm, double b, const at::Tensor &learntB, bool detach)
{
    // The training step on a GPU is bound by the launches of the composition's small kernels (issue "GPU II").
    if (out.is_cuda() && b == 2.0 && !learntB.defined() && fusedCudaKernelsBuilt() && fusedKernelsEnabled()
        && fusedBcosScaleSupports(out, norm))
        return fusedBcosScale(out, norm, detach);
    return composedBcosScale(out, std::move(norm), b, learntB, detach);
}

at::Tensor composedBcosScale(const at::Tensor &out, at::Tensor norm, double b, const at::Tensor &learntB, bool detach)
{
    at::Tensor dynamic = out;
    if (detach) {
        dynamic = dynamic.detach();
        norm = norm.detach();
    }
    at::Tensor scale;
    if (!learntB.defined() && b == 2.0) {
        scale = dynamic.abs() / norm;
    } else {
        const at::Tensor absCos = (dynamic / norm).abs() + 1e-6;
        scale = learntB.defined() ? absCos.pow(learntB - 1) : absCos.pow(b - 1);
    }
    return scale.to(out.scalar_type()) * out; // (the same dtype: no conversion, the fp32 path is unchanged)
}

at::Tensor normPrecision(const at::Tensor &input)
{
    const auto type = input.scalar_type();
    return type == at::kBFloat16 || type == at::kHalf ? input.to(at::kFloat) : input;
}

} // namespace bcos::core
