#include "namedsequence.h"

#include <torch/torch.h>

namespace bcos::core {

void NamedSequenceImpl::add(const std::string &name, torch::nn::AnyModule module)
{
    register_module(name, module.ptr());
    m_steps.emplace_back(name, std::move(module));
}

at::Tensor NamedSequenceImpl::forward(const at::Tensor &input)
{
    at::Tensor x = input;
    for (auto &step : m_steps)
        x = step.second.forward(x);
    return x;
}

at::Tensor NamedSequenceImpl::forwardCollect(const at::Tensor &input, const std::string &prefix, TensorMap &outputs)
{
    at::Tensor x = input;
    for (auto &step : m_steps)
        x = outputs.insert(prefix + step.first, step.second.forward(x));
    return x;
}

} // namespace bcos::core
