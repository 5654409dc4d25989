#pragma once

#include "core/explain/explainer.h"

namespace bcos::core {

/// Input x Gradient (Shrikumar et al. 2016): perChannel = x * dS/dx [N, C, H, W] w.r.t. the network input
/// x = encode(images); attributions = its sum over channels [N, H, W]. For a linear model this is w * x.
Explanation explainInputXGradient(NetworkImpl &network, const ExplainRequest &request);

} // namespace bcos::core
