#include "guidedbackprop.h"

#include "core/models/network.h"
#include "core/nn/activations.h"

#include <torch/torch.h>

namespace bcos::core {

Explanation explainGuidedBackprop(NetworkImpl &network, const ExplainRequest &request)
{
    const auto prepared = detail::prepare(network, request);
    at::Tensor gradient;
    {
        GuidedBackpropGuard guided;
        gradient = detail::targetGradient(network, prepared.input, prepared.targets);
    }
    detail::reportProgress(request, 1, 1);
    Explanation result;
    result.logits = prepared.logits;
    result.targets = prepared.targets;
    result.perChannel = gradient;
    result.attributions = gradient.sum(1);
    return result;
}

} // namespace bcos::core
