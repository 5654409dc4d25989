#include "fusedbcosscale.h"

#include "core/nn/bcosscale.h"
#include "core/nn/bcosscaledevice.h"

#include <ATen/ATen.h>
#include <ATen/ExpandUtils.h> // at::sum_to
#include <ATen/Parallel.h>
#include <torch/autograd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <optional>
#include <vector>

namespace bcos::core {
namespace {

using bcosmath::ScaleShape;

std::atomic<bool> &fusedSwitch()
{
    static std::atomic<bool> enabled{[] {
        const char *value = std::getenv("BCOS_FUSED_KERNELS");
        return !(value && std::strcmp(value, "0") == 0);
    }()};
    return enabled;
}

/// How the fused path sees `out` in memory: its dimensions in memory order (outermost first, so that
/// out.permute(order) is contiguous) and, in that order, the position of the channel dimension norm broadcasts over.
struct Layout {
    std::vector<int64_t> order;
    std::vector<int64_t> inverse;
    ScaleShape shape;

    /// `t` (out, norm or a gradient of out) permuted to memory order and made contiguous (a copy only when `t` is
    /// not laid out like out, e.g. a norm of another layout or an incoming gradient in NCHW for channels-last out).
    at::Tensor dense(const at::Tensor &t) const { return t.permute(order).contiguous(); }
    /// A dense result back in the caller's dimension order (out's layout).
    at::Tensor restore(const at::Tensor &t) const { return t.permute(inverse); }
};

/// The dimension `norm` broadcasts over (-1: none, norm has out's shape), or nullopt for shapes the fused path does
/// not take (norm with another number of dimensions, broadcasting over several, or larger than out).
std::optional<int64_t> channelDimension(const at::Tensor &out, const at::Tensor &norm)
{
    if (out.dim() == 0 || norm.dim() != out.dim())
        return std::nullopt;
    int64_t channel = -1;
    for (int64_t d = 0; d < out.dim(); ++d) {
        if (norm.size(d) == out.size(d))
            continue;
        if (norm.size(d) != 1 || channel >= 0)
            return std::nullopt;
        channel = d;
    }
    return channel;
}

Layout makeLayout(const at::Tensor &out, int64_t channel)
{
    Layout layout;
    layout.order.resize(out.dim());
    std::iota(layout.order.begin(), layout.order.end(), 0);
    std::stable_sort(layout.order.begin(), layout.order.end(),
                     [&](int64_t a, int64_t b) { return out.stride(a) > out.stride(b); });
    if (!out.is_non_overlapping_and_dense() || !out.permute(layout.order).is_contiguous())
        std::iota(layout.order.begin(), layout.order.end(), 0); // dense() copies out to a contiguous tensor
    layout.inverse.resize(out.dim());
    for (std::size_t i = 0; i < layout.order.size(); ++i)
        layout.inverse[layout.order[i]] = int64_t(i);

    const int64_t position = channel < 0 ? -1 : layout.inverse[channel];
    layout.shape = {1, 1, 1};
    for (int64_t i = 0; i < out.dim(); ++i) {
        const int64_t size = out.size(layout.order[i]);
        if (position < 0 || i < position)
            layout.shape.outer *= size;
        else if (i == position)
            layout.shape.channels = size;
        else
            layout.shape.inner *= size;
    }
    return layout;
}

template <class T>
typename T::Storage *storage(const at::Tensor &t)
{
    return static_cast<typename T::Storage *>(t.data_ptr());
}

// The CPU reference: the kernels' math over [outer, channels, inner] (bcosscalemath.h), one outer row per task.
template <class T>
void cpuForward(const at::Tensor &out, const at::Tensor &norm, const at::Tensor &y, const ScaleShape &s)
{
    const auto *o = storage<T>(out);
    const float *n = norm.data_ptr<float>();
    auto *r = storage<T>(y);
    at::parallel_for(0, s.outer, 1, [&](int64_t begin, int64_t end) {
        for (int64_t a = begin; a < end; ++a)
            for (int64_t c = 0; c < s.channels; ++c)
                for (int64_t i = 0; i < s.inner; ++i) {
                    const int64_t k = (a * s.channels + c) * s.inner + i;
                    r[k] = bcosmath::scaleForward<T>(o[k], n[a * s.inner + i]);
                }
    });
}

template <class T>
void cpuBackward(const at::Tensor &grad, const at::Tensor &out, const at::Tensor &norm, bool detach,
                 const at::Tensor &gradOut, const at::Tensor &gradNorm, const ScaleShape &s)
{
    const auto *g = storage<T>(grad);
    const auto *o = storage<T>(out);
    const float *n = norm.data_ptr<float>();
    auto *go = storage<T>(gradOut);
    float *gn = gradNorm.defined() ? gradNorm.data_ptr<float>() : nullptr;
    at::parallel_for(0, s.outer, 1, [&](int64_t begin, int64_t end) {
        for (int64_t a = begin; a < end; ++a)
            for (int64_t i = 0; i < s.inner; ++i) {
                const float normValue = n[a * s.inner + i];
                float sum = 0;
                for (int64_t c = 0; c < s.channels; ++c) {
                    const int64_t k = (a * s.channels + c) * s.inner + i;
                    go[k] = bcosmath::scaleGradOut<T>(g[k], o[k], normValue, detach);
                    sum += bcosmath::scaleGradNormTerm<T>(g[k], o[k]);
                }
                if (gn)
                    gn[a * s.inner + i] = bcosmath::scaleGradNorm(sum, normValue);
            }
    });
}

bool isBf16(const at::Tensor &t) { return t.scalar_type() == at::kBFloat16; }

at::Tensor forwardDense(const at::Tensor &out, const at::Tensor &norm, const ScaleShape &shape)
{
    at::Tensor y = at::empty_like(out);
    if (out.is_cuda())
        cudaBcosScaleForward(out, norm, y, shape);
    else if (isBf16(out))
        cpuForward<bcosmath::BFloat16>(out, norm, y, shape);
    else
        cpuForward<bcosmath::Float32>(out, norm, y, shape);
    return y;
}

void backwardDense(const at::Tensor &grad, const at::Tensor &out, const at::Tensor &norm, bool detach,
                   const at::Tensor &gradOut, const at::Tensor &gradNorm, const ScaleShape &shape)
{
    if (out.is_cuda())
        cudaBcosScaleBackward(grad, out, norm, detach, gradOut, gradNorm, shape);
    else if (isBf16(out))
        cpuBackward<bcosmath::BFloat16>(grad, out, norm, detach, gradOut, gradNorm, shape);
    else
        cpuBackward<bcosmath::Float32>(grad, out, norm, detach, gradOut, gradNorm, shape);
}

struct FusedBcosScaleFunction : public torch::autograd::Function<FusedBcosScaleFunction> {
    static at::Tensor forward(torch::autograd::AutogradContext *context, const at::Tensor &out, const at::Tensor &norm,
                              bool detach)
    {
        context->save_for_backward({out, norm});
        context->saved_data["detach"] = detach;
        const Layout layout = makeLayout(out, *channelDimension(out, norm));
        return layout.restore(forwardDense(layout.dense(out), layout.dense(norm), layout.shape));
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *context,
                                                   torch::autograd::variable_list gradients)
    {
        const auto saved = context->get_saved_variables();
        const at::Tensor &out = saved[0];
        const at::Tensor &norm = saved[1];
        const bool detach = context->saved_data["detach"].toBool();
        const at::Tensor &grad = gradients[0];
        const bool wantNorm = !detach && context->needs_input_grad(1);
        if (!grad.defined())
            return {at::Tensor(), at::Tensor(), at::Tensor()};
        if (at::GradMode::is_enabled()) // create_graph: the same formulas as differentiable ATen operations
            return differentiableBackward(grad, out, norm, detach, wantNorm);

        const Layout layout = makeLayout(out, *channelDimension(out, norm));
        const at::Tensor denseOut = layout.dense(out);
        const at::Tensor denseNorm = layout.dense(norm);
        const at::Tensor gradOut = at::empty_like(denseOut);
        const at::Tensor gradNorm = wantNorm ? at::empty_like(denseNorm) : at::Tensor();
        backwardDense(layout.dense(grad.to(out.scalar_type())), denseOut, denseNorm, detach, gradOut, gradNorm,
                      layout.shape);
        return {layout.restore(gradOut), wantNorm ? layout.restore(gradNorm) : at::Tensor(), at::Tensor()};
    }

    static torch::autograd::variable_list differentiableBackward(const at::Tensor &grad, const at::Tensor &out,
                                                                 const at::Tensor &norm, bool detach, bool wantNorm)
    {
        const at::Tensor factor = detach ? (out.detach().abs() / norm.detach()).to(out.scalar_type())
                                         : 2 * out.abs() / norm;
        const at::Tensor gradOut = (grad * factor).to(out.scalar_type());
        const at::Tensor gradNorm = wantNorm
            ? at::sum_to(-(grad.to(at::kFloat) * out * out.abs()) / norm.square(), norm.sizes())
            : at::Tensor();
        return {gradOut, gradNorm, at::Tensor()};
    }
};

} // namespace

bool fusedBcosScaleSupports(const at::Tensor &out, const at::Tensor &norm)
{
    if (!out.defined() || !norm.defined() || out.layout() != at::kStrided || norm.layout() != at::kStrided)
        return false;
    if (out.device() != norm.device() || !(out.is_cpu() || out.is_cuda()) || out.numel() == 0)
        return false;
    const auto type = out.scalar_type();
    if ((type != at::kFloat && type != at::kBFloat16) || norm.scalar_type() != at::kFloat)
        return false;
    return channelDimension(out, norm).has_value();
}

at::Tensor fusedBcosScale(const at::Tensor &out, const at::Tensor &norm, bool detach)
{
    if (!fusedBcosScaleSupports(out, norm))
        return composedBcosScale(out, norm, 2.0, {}, detach);
    return FusedBcosScaleFunction::apply(out, norm, detach);
}

void setFusedKernels(bool enabled) { fusedSwitch().store(enabled); }

bool fusedKernelsEnabled() { return fusedSwitch().load(); }

} // namespace bcos::core
