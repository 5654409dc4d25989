#include "inputxgradient.h"

#include "core/models/network.h"

#include <torch/torch.h>

namespace bcos::core {

Explanation explainInputXGradient(NetworkImpl &network, const ExplainRequest &request)
{
    const auto prepared = detail::prepare(network, request);
    const at::Tensor gradient = detail::targetGradient(network, prepared.input, prepared.targets);
    detail::reportProgress(request, 1, 1);
    Explanation result;
    result.logits = prepared.logits;
    result.targets = prepared.targets;
    result.perChannel = gradient * prepared.input;
    result.attributions = result.perChannel.sum(1);
    return result;
}

} // namespace bcos::core
