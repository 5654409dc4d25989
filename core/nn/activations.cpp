#include "activations.h"

#include <torch/autograd.h>
#include <torch/torch.h>

namespace bcos::core {
namespace {

thread_local bool t_guided = false;

struct GuidedRelu : public torch::autograd::Function<GuidedRelu> {
    static at::Tensor forward(torch::autograd::AutogradContext *context, const at::Tensor &input)
    {
        at::Tensor output = input.clamp_min(0);
        context->save_for_backward({output});
        return output;
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *context,
                                                   torch::autograd::variable_list gradients)
    {
        const at::Tensor output = context->get_saved_variables()[0];
        return {gradients[0].clamp_min(0) * (output > 0).to(gradients[0].scalar_type())};
    }
};

} // namespace

at::Tensor relu(const at::Tensor &input)
{
    if (t_guided && input.requires_grad())
        return GuidedRelu::apply(input);
    return torch::relu(input);
}

GuidedBackpropGuard::GuidedBackpropGuard()
    : m_previous(t_guided)
{
    t_guided = true;
}

GuidedBackpropGuard::~GuidedBackpropGuard() { t_guided = m_previous; }

} // namespace bcos::core
