#include "explainer.h"

#include "core/enumnames.h"
#include "core/error.h"
#include "core/explain/gradcam.h"
#include "core/explain/guidedbackprop.h"
#include "core/explain/inputxgradient.h"
#include "core/explain/integratedgradients.h"
#include "core/explain/occlusion.h"
#include "core/explain/rise.h"
#include "core/explain/wxx.h"
#include "core/models/network.h"
#include "core/shape.h"

#include <torch/torch.h>


namespace bcos::core {
namespace {

constexpr EnumNames<ExplainMethod, 7> kNames{{
    {ExplainMethod::Wxx, "wxx"},
    {ExplainMethod::GradCam, "gradcam"},
    {ExplainMethod::InputXGradient, "ixg"},
    {ExplainMethod::IntegratedGradients, "intgrad"},
    {ExplainMethod::GuidedBackprop, "guided"},
    {ExplainMethod::Occlusion, "occlusion"},
    {ExplainMethod::Rise, "rise"},
}};

/// W(x)x as an Explanation: perChannel = W(x) [N, 6, H, W], attributions = contributions [N, H, W].
Explanation explanationOfWxx(NetworkImpl &network, const ExplainRequest &request)
{
    detail::reportProgress(request, 0, 1);
    const WxxResult wxx = explainWxx(network, request.images, request.targets ? *request.targets : at::Tensor());
    detail::reportProgress(request, 1, 1);
    Explanation result;
    result.logits = wxx.logits;
    result.targets = wxx.targets;
    result.perChannel = wxx.dynamicWeights;
    result.attributions = wxx.contributions;
    return result;
}

} // namespace

std::string_view explainMethodName(ExplainMethod method) { return enumName(kNames, method); }

ExplainMethod parseExplainMethod(std::string_view name)
{
    if (const auto method = enumFromName(kNames, name))
        return *method;
    fail(ErrorCode::InvalidArgument, "unknown explanation method '{}' (expected one of: {})", name, joinedNames(kNames));
}

const std::vector<ExplainMethod> &allExplainMethods()
{
    static const std::vector<ExplainMethod> methods = enumValues(kNames);
    return methods;
}

Explanation explain(NetworkImpl &network, ExplainMethod method, const ExplainRequest &request)
{
    Explanation result;
    translateTorchErrors(fmt::format("explain ({})", explainMethodName(method)), [&] {
        switch (method) {
        case ExplainMethod::GradCam: result = explainGradCam(network, request); break;
        case ExplainMethod::InputXGradient: result = explainInputXGradient(network, request); break;
        case ExplainMethod::IntegratedGradients: result = explainIntegratedGradients(network, request); break;
        case ExplainMethod::GuidedBackprop: result = explainGuidedBackprop(network, request); break;
        case ExplainMethod::Occlusion: result = explainOcclusion(network, request); break;
        case ExplainMethod::Rise: result = explainRise(network, request); break;
        case ExplainMethod::Wxx: result = explanationOfWxx(network, request); break;
        }
    });
    result.method = method;
    return result;
}

Explanation explain(NetworkImpl &network, std::string_view method, const ExplainRequest &request)
{
    return explain(network, parseExplainMethod(method), request);
}

BatchExplainer methodExplainer(NetworkImpl &network, ExplainMethod method, ExplainRequest settings)
{
    return [&network, method, settings](const at::Tensor &images, const at::Tensor &targets) {
        ExplainRequest request = settings;
        request.images = images;
        request.targets = targets;
        return explain(network, method, request).attributions.detach();
    };
}

namespace detail {

PreparedInput prepare(NetworkImpl &network, const ExplainRequest &request)
{
    const at::Tensor &images = request.images;
    if (!images.defined() || images.dim() != 4 || images.size(1) != 3 || images.size(0) == 0)
        fail(ErrorCode::InvalidArgument, "ExplainRequest.images: expected [N, 3, H, W] with N >= 1, got {}",
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"));
    if (!images.is_floating_point())
        fail(ErrorCode::InvalidArgument, "ExplainRequest.images: expected a floating-point tensor in [0, 1]");
    if (request.batchSize < 1)
        fail(ErrorCode::InvalidArgument, "ExplainRequest.batchSize: expected >= 1, got {}", request.batchSize);
    network.eval();
    PreparedInput prepared;
    prepared.input = network.encode(images).detach();
    {
        torch::NoGradGuard noGrad;
        prepared.logits = network.forward(prepared.input);
    }
    const int64_t n = images.size(0);
    const int64_t k = prepared.logits.size(1);
    if (request.targets) {
        const at::Tensor &targets = *request.targets;
        if (targets.dim() != 1 || targets.size(0) != n || targets.is_floating_point())
            fail(ErrorCode::InvalidArgument, "ExplainRequest.targets: expected [{}] integer classes, got {} {}", n,
                 shapeString(targets.sizes()), std::string(c10::toString(targets.scalar_type())));
        const int64_t lo = targets.min().item<int64_t>(), hi = targets.max().item<int64_t>();
        if (lo < 0 || hi >= k)
            fail(ErrorCode::InvalidArgument, "ExplainRequest.targets: classes must lie in [0, {}), got {}..{}", k,
                 lo, hi);
        prepared.targets = targets.to(images.device(), torch::kLong);
    } else {
        prepared.targets = prepared.logits.argmax(1);
    }
    return prepared;
}

at::Tensor targetGradient(NetworkImpl &network, const at::Tensor &input, const at::Tensor &targets)
{
    torch::AutoGradMode enableGrad(true);
    at::Tensor x = input.detach().requires_grad_(true);
    const at::Tensor logits = network.forward(x);
    const at::Tensor score = logits.gather(1, targets.view({-1, 1})).sum();
    return torch::autograd::grad({score}, {x})[0].detach();
}

at::Tensor targetScores(NetworkImpl &network, const at::Tensor &input, const at::Tensor &targets, bool probabilities)
{
    torch::NoGradGuard noGrad;
    at::Tensor logits = network.forward(input);
    if (probabilities)
        logits = logits.softmax(1);
    return logits.gather(1, targets.view({-1, 1})).view({-1});
}

void reportProgress(const ExplainRequest &request, int64_t done, int64_t total)
{
    if (request.progress && !request.progress(done, total))
        fail(ErrorCode::Cancelled, "explanation cancelled after {} of {} steps", done, total);
}

} // namespace detail
} // namespace bcos::core
