#include "bcosscale.h"

#include <ATen/ATen.h>

namespace bcos::core {

at::Tensor applyBcosScale(const at::Tensor &out, at::Tensor norm, double b, const at::Tensor &learntB, bool detach)
{
    at::Tensor dynamic = out;
    if (detach) {
        dynamic = dynamic.detach();
        norm = norm.detach();
    }
    if (!learntB.defined() && b == 2.0)
        return dynamic.abs() / norm * out;
    const at::Tensor absCos = (dynamic / norm).abs() + 1e-6;
    return (learntB.defined() ? absCos.pow(learntB - 1) : absCos.pow(b - 1)) * out;
}

} // namespace bcos::core
