#include "integratedgradients.h"

#include "core/error.h"
#include "core/models/network.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

at::Tensor integratedGradientsBaseline(NetworkImpl &network, const at::Tensor &input,
                                       const IntegratedGradientsOptions &options)
{
    const int64_t n = input.size(0), h = input.size(2), w = input.size(3);
    switch (options.baseline) {
    case BaselineKind::Zeros:
        return torch::zeros_like(input);
    case BaselineKind::Black:
        return network.encode(torch::zeros({n, 3, h, w}, input.options()));
    case BaselineKind::Custom: {
        const at::Tensor &custom = options.customBaseline;
        if (!custom.defined() || custom.dim() != 4 || custom.size(1) != 3 || custom.size(2) != h || custom.size(3) != w
            || (custom.size(0) != 1 && custom.size(0) != n))
            fail(ErrorCode::InvalidArgument,
                 "IntegratedGradientsOptions.customBaseline: expected an image [1 or {}, 3, {}, {}], got {}", n, h, w,
                 custom.defined() ? shapeString(custom.sizes()) : std::string("no tensor"));
        return network.encode(custom.to(input.options()).expand({n, 3, h, w}).contiguous());
    }
    }
    return torch::zeros_like(input);
}

Explanation explainIntegratedGradients(NetworkImpl &network, const ExplainRequest &request)
{
    const auto &options = request.integratedGradients;
    if (options.steps < 1)
        fail(ErrorCode::InvalidArgument, "IntegratedGradientsOptions.steps: expected >= 1, got {}", options.steps);
    const auto prepared = detail::prepare(network, request);
    const at::Tensor &x = prepared.input;
    const at::Tensor x0 = integratedGradientsBaseline(network, x, options);

    // Quadrature nodes and weights on [0, 1].
    const int64_t m = options.steps;
    const bool trapezoid = options.rule == RiemannRule::Trapezoid;
    const auto cpu = torch::TensorOptions().dtype(x.scalar_type());
    at::Tensor alphas = trapezoid ? torch::arange(0, m + 1, cpu) / double(m) : torch::arange(1, m + 1, cpu) / double(m);
    at::Tensor coefficients = torch::full({alphas.size(0)}, 1.0 / double(m), cpu);
    if (trapezoid) {
        coefficients[0] = 0.5 / double(m);
        coefficients[m] = 0.5 / double(m);
    }
    alphas = alphas.to(x.device());
    coefficients = coefficients.to(x.device());

    const int64_t n = x.size(0), s = alphas.size(0), total = n * s;
    at::Tensor gradientSum = torch::zeros_like(x);
    const auto indexOptions = torch::TensorOptions().dtype(torch::kLong).device(x.device());
    for (int64_t begin = 0; begin < total; begin += request.batchSize) {
        const int64_t end = std::min(total, begin + request.batchSize);
        const at::Tensor flat = torch::arange(begin, end, indexOptions);
        const at::Tensor image = flat.div(s, "floor"), step = flat.remainder(s);
        const at::Tensor a = alphas.index_select(0, step).view({-1, 1, 1, 1});
        const at::Tensor x0b = x0.index_select(0, image);
        const at::Tensor points = x0b + a * (x.index_select(0, image) - x0b);
        const at::Tensor gradient = detail::targetGradient(network, points, prepared.targets.index_select(0, image));
        gradientSum.index_add_(0, image, gradient * coefficients.index_select(0, step).view({-1, 1, 1, 1}));
        detail::reportProgress(request, end, total);
    }
    Explanation result;
    result.logits = prepared.logits;
    result.targets = prepared.targets;
    result.perChannel = (x - x0) * gradientSum;
    result.attributions = result.perChannel.sum(1);
    return result;
}

} // namespace bcos::core
