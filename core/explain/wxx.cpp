#include "wxx.h"

#include "core/error.h"
#include "core/explain/wxxgraphs.h"
#include "core/models/network.h"
#include "core/nn/detachable.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

// Puts a module in eval mode for a scope and restores its previous mode.
class EvalModeGuard {
public:
    explicit EvalModeGuard(torch::nn::Module &module)
        : m_module(module)
        , m_wasTraining(module.is_training())
    {
        m_module.eval();
    }
    ~EvalModeGuard() { m_module.train(m_wasTraining); }
    EvalModeGuard(const EvalModeGuard &) = delete;
    EvalModeGuard &operator=(const EvalModeGuard &) = delete;

private:
    torch::nn::Module &m_module;
    bool m_wasTraining;
};

} // namespace

namespace detail {

void checkWxxInputs(const NetworkImpl &network, const at::Tensor &images)
{
    if (!network.isBcos())
        fail(ErrorCode::InvalidArgument, "W(x)x explanations need a B-cos network; this one is standard "
                                         "(convert it first, or use a post-hoc method)");
    if (images.dim() != 4 || images.size(1) != 3)
        fail(ErrorCode::InvalidArgument, "explain: expected images [N, 3, H, W] in [0, 1], got {}",
             shapeString(images.sizes()));
}

at::TensorOptions wxxInputOptions(NetworkImpl &network, const at::Tensor &images)
{
    const auto parameters = network.parameters();
    return parameters.empty() ? images.options() : parameters.front().options();
}

at::Tensor checkedWxxTargets(const at::Tensor &targets, int64_t n, int64_t classes)
{
    if (!targets.defined())
        return {};
    if (targets.dim() != 1 || targets.size(0) != n || targets.is_floating_point())
        fail(ErrorCode::InvalidArgument, "explain: expected integer targets [{}], got {}", n,
             shapeString(targets.sizes()));
    const at::Tensor t = targets.to(torch::kCPU, torch::kLong);
    if (n > 0 && (t.min().item<int64_t>() < 0 || t.max().item<int64_t>() >= classes))
        fail(ErrorCode::InvalidArgument, "explain: target classes must be in [0, {}), got {} to {}", classes,
             t.min().item<int64_t>(), t.max().item<int64_t>());
    return t;
}

WxxResult wxxPass(NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets, bool checkTargets)
{
    EvalModeGuard eval(network);
    torch::AutoGradMode enableGrad(true);
    const auto options = wxxInputOptions(network, images);
    const at::Tensor image6 = network.encode(images.to(options.device(), options.dtype())).detach().requires_grad_(true);

    WxxResult result;
    {
        ExplanationModeGuard explanationMode(network);
        const at::Tensor logits = network.forward(image6);
        if (!targets.defined())
            result.targets = logits.argmax(1);
        else if (checkTargets) // the classes are the logits' (a description need not name them)
            result.targets = checkedWxxTargets(targets, logits.size(0), logits.size(1)).to(logits.device());
        else
            result.targets = targets;
        // Samples do not interact in eval mode, so one backward of the summed logits gives every W(x).
        const at::Tensor selected = logits.gather(1, result.targets.view({-1, 1})).sum();
        result.dynamicWeights = torch::autograd::grad({selected}, {image6})[0];
        result.logits = logits.detach();
    }
    result.contributions = (image6.detach() * result.dynamicWeights).sum(1);
    return result;
}

} // namespace detail

WxxResult explainWxx(NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets)
{
    detail::checkWxxInputs(network, images);
    const bool onGpu = detail::wxxInputOptions(network, images).device().is_cuda();
    if (onGpu && wxxGraphsEnabled() && !network.weak_from_this().expired())
        return wxxGraphsOf(network).explain(network, images, targets);
    return detail::wxxPass(network, images, targets, /*checkTargets=*/true);
}

} // namespace bcos::core
