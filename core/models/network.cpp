#include "network.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

NetworkImpl::NetworkImpl(ModelDescription description, std::shared_ptr<ClassifierImpl> model)
    : m_description(std::move(description))
    , m_model(register_module("model", std::move(model)))
{
}

at::Tensor NetworkImpl::encode(const at::Tensor &images) const
{
    if (images.dim() != 4 || images.size(1) != 3)
        fail(ErrorCode::InvalidArgument, "expected images [N, 3, H, W] in [0, 1], got {}", shapeString(images.sizes()));
    if (isBcos())
        return torch::cat({images, 1 - images}, 1); // [x, 1 - x]: B-cos-v2 AddInverse
    const auto &p = m_description.preprocessing;
    const auto mean = torch::tensor({p.mean[0], p.mean[1], p.mean[2]}, images.options()).view({1, 3, 1, 1});
    const auto std = torch::tensor({p.std[0], p.std[1], p.std[2]}, images.options()).view({1, 3, 1, 1});
    return (images - mean) / std;
}

at::Tensor NetworkImpl::inputMean() const
{
    if (!isBcos())
        return {};
    const auto &p = m_description.preprocessing;
    if (m_description.bcos.meanFree)
        return torch::zeros({6}, torch::kDouble);
    return torch::tensor({p.mean[0], p.mean[1], p.mean[2], 1 - p.mean[0], 1 - p.mean[1], 1 - p.mean[2]}, torch::kDouble);
}

at::Tensor NetworkImpl::inputStd() const
{
    if (!isBcos())
        return {};
    const auto &p = m_description.preprocessing;
    return torch::tensor({p.std[0], p.std[1], p.std[2], p.std[0], p.std[1], p.std[2]}, torch::kDouble);
}

at::Tensor NetworkImpl::normalizeInput(const at::Tensor &input) const
{
    if (!isBcos())
        return input;
    if (input.dim() != 4 || input.size(1) != 6)
        fail(ErrorCode::InvalidArgument, "a B-cos network expects [N, 6, H, W] input ([x, 1-x]), got {}",
             shapeString(input.sizes()));
    const auto options = input.options();
    return (input - inputMean().to(options).view({1, 6, 1, 1})) / inputStd().to(options).view({1, 6, 1, 1});
}

double NetworkImpl::logitBias() const { return isBcos() ? m_description.bcos.logitBias : 0.0; }

at::Tensor NetworkImpl::forward(const at::Tensor &input)
{
    at::Tensor logits = m_model->forward(normalizeInput(input));
    if (isBcos())
        logits = logits + logitBias();
    return logits;
}

} // namespace bcos::core
