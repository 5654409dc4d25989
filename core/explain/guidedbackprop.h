#pragma once

#include "core/explain/explainer.h"

namespace bcos::core {

/// Guided Backpropagation (Springenberg et al. 2015): the gradient dS/dx w.r.t. the network input with every
/// bcos::core::relu() passing back only positive gradients (GuidedBackpropGuard). perChannel = that gradient
/// [N, C, H, W]; attributions = its sum over channels [N, H, W]. Models that do not use core::relu get the
/// plain gradient.
Explanation explainGuidedBackprop(NetworkImpl &network, const ExplainRequest &request);

} // namespace bcos::core
