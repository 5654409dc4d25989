#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

/// ReLU used by every model in core/models, so that post-hoc methods can change its backward pass
/// without module hooks (LibTorch has none): inside a GuidedBackpropGuard the gradient is
/// relu'(x) * max(grad, 0) (Springenberg et al., "Striving for Simplicity", guided backpropagation).
at::Tensor relu(const at::Tensor &input);

/// While alive (on this thread), relu() uses the guided-backpropagation backward rule.
class GuidedBackpropGuard {
public:
    GuidedBackpropGuard();
    ~GuidedBackpropGuard();
    GuidedBackpropGuard(const GuidedBackpropGuard &) = delete;
    GuidedBackpropGuard &operator=(const GuidedBackpropGuard &) = delete;

private:
    bool m_previous;
};

} // namespace bcos::core
