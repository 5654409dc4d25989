#pragma once

#include "core/explain/explainer.h"

namespace bcos::core {

/// GradCAM (Selvaraju et al. 2017) as the reference's captum GradCam computes it:
/// cam = relu(sum_k w_k A_k) with w_k = sum_{h,w} dS/dA_k (or the mean, options.meanWeights), where A are the
/// feature maps chosen by options.split (default: the backbone's features()) and S the target logit.
/// attributions = cam upsampled (nearest) to the input size, [N, H, W]; cam = [N, h, w].
Explanation explainGradCam(NetworkImpl &network, const ExplainRequest &request);

/// The GradCAM map from features A [N, C, h, w] and their gradients dA [N, C, h, w] -> [N, h, w].
at::Tensor gradCamFromGradients(const at::Tensor &features, const at::Tensor &gradients, bool meanWeights);

/// Nearest-neighbour upsampling (F.interpolate mode 'nearest') of maps [N, h, w] -> [N, height, width].
at::Tensor upsampleNearest(const at::Tensor &maps, int64_t height, int64_t width);

} // namespace bcos::core
