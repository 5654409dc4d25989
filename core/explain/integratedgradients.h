#pragma once

#include "core/explain/explainer.h"

namespace bcos::core {

/// Integrated Gradients (Sundararajan et al. 2017) w.r.t. the network input x = encode(images):
/// perChannel = (x - x0) * sum_k c_k dS/dx (x0 + a_k (x - x0)) [N, C, H, W], attributions its channel sum.
/// Trapezoid rule: a_k = k/m, k = 0..m, c = 1/m (1/2m at the ends); right sum: a_k = k/m, k = 1..m, c = 1/m.
/// Completeness: sum(attributions) -> S(x) - S(x0) as m grows. All (image, step) pairs are batched in chunks of
/// request.batchSize. Throws Error{InvalidArgument} for steps < 1 or a custom baseline of the wrong shape.
Explanation explainIntegratedGradients(NetworkImpl &network, const ExplainRequest &request);

/// The baseline x0 [N, C, H, W] for `input` = encode(images) (see IntegratedGradientsOptions::baseline).
at::Tensor integratedGradientsBaseline(NetworkImpl &network, const at::Tensor &input,
                                       const IntegratedGradientsOptions &options);

} // namespace bcos::core
