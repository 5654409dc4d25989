#include "gradcam.h"

#include "core/error.h"
#include "core/models/network.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

at::Tensor gradCamFromGradients(const at::Tensor &features, const at::Tensor &gradients, bool meanWeights)
{
    if (features.dim() != 4 || !features.sizes().equals(gradients.sizes()))
        fail(ErrorCode::InvalidArgument, "GradCAM: expected features and gradients [N, C, h, w] of one shape, got {} and {}",
             shapeString(features.sizes()), shapeString(gradients.sizes()));
    // The reference (captum LayerGradCam as wrapped by the authors) sums the gradients over space.
    const at::Tensor weights = meanWeights ? gradients.mean({2, 3}, true) : gradients.sum({2, 3}, true);
    return torch::relu((weights * features).sum(1));
}

at::Tensor upsampleNearest(const at::Tensor &maps, int64_t height, int64_t width)
{
    namespace F = torch::nn::functional;
    return F::interpolate(maps.unsqueeze(1),
                          F::InterpolateFuncOptions().size(std::vector<int64_t>{height, width}).mode(torch::kNearest))
        .squeeze(1);
}

Explanation explainGradCam(NetworkImpl &network, const ExplainRequest &request)
{
    const auto prepared = detail::prepare(network, request);
    const FeatureSplit &split = request.gradCam.split;
    torch::AutoGradMode enableGrad(true);
    const at::Tensor normalized = network.normalizeInput(prepared.input);
    at::Tensor features = split.features ? split.features(network, normalized) : network.model().features(normalized);
    if (features.dim() != 4)
        fail(ErrorCode::InvalidArgument, "GradCAM: the chosen layer must give [N, C, h, w] maps, got {}",
             shapeString(features.sizes()));
    features = features.detach().requires_grad_(true);
    const at::Tensor logits = split.head ? split.head(network, features) : network.model().classify(features);
    const at::Tensor score = logits.gather(1, prepared.targets.view({-1, 1})).sum();
    const at::Tensor gradients = torch::autograd::grad({score}, {features})[0];
    detail::reportProgress(request, 1, 1);

    Explanation result;
    result.logits = prepared.logits;
    result.targets = prepared.targets;
    result.cam = gradCamFromGradients(features.detach(), gradients.detach(), request.gradCam.meanWeights);
    result.attributions = upsampleNearest(result.cam, prepared.input.size(2), prepared.input.size(3));
    return result;
}

} // namespace bcos::core
