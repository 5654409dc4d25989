#include "losses.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos::core {
namespace {

/// [B] class indices -> one-hot [B, K] in the logits' dtype; dense [B, K] targets pass through.
at::Tensor denseTargets(const at::Tensor &logits, const at::Tensor &targets, const char *loss)
{
    if (logits.dim() != 2)
        fail(ErrorCode::InvalidArgument, "{}: expected logits [B, K], got {}", loss, shapeString(logits.sizes()));
    if (targets.sizes() == logits.sizes())
        return targets.to(logits.scalar_type());
    if (targets.dim() != 1 || targets.size(0) != logits.size(0) || targets.is_floating_point())
        fail(ErrorCode::InvalidArgument, "{}: expected targets [{}] (int64) or [{}, {}], got {}", loss,
             logits.size(0), logits.size(0), logits.size(1), shapeString(targets.sizes()));
    return torch::one_hot(targets.to(torch::kLong), logits.size(1)).to(logits.scalar_type());
}

int64_t torchReduction(Reduction reduction)
{
    switch (reduction) {
    case Reduction::Mean:
        return at::Reduction::Mean;
    case Reduction::Sum:
        return at::Reduction::Sum;
    case Reduction::None:
        break;
    }
    return at::Reduction::None;
}

void checkDistillationLogits(const at::Tensor &student, const at::Tensor &teacher, double temperature,
                             const char *loss)
{
    if (student.dim() != 2 || student.sizes() != teacher.sizes())
        fail(ErrorCode::Mismatch, "{}: the student's logits are {}, the teacher's {}; expected the same [B, K]", loss,
             shapeString(student.sizes()), shapeString(teacher.sizes()));
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        fail(ErrorCode::InvalidArgument, "{}: the temperature must be a positive number, got {}", loss, temperature);
}

} // namespace

at::Tensor uniformOffLabelsBceWithLogits(const at::Tensor &logits, const at::Tensor &targets,
                                         std::optional<double> offLabel, Reduction reduction)
{
    const auto dense = denseTargets(logits, targets, "UniformOffLabelsBCEWithLogitsLoss");
    // Python's `off_label or 1/K`: an unset or zero off label means 1/K.
    const double off = offLabel.value_or(0.0) != 0.0 ? *offLabel : 1.0 / static_cast<double>(logits.size(1));
    return torch::binary_cross_entropy_with_logits(logits, dense.clamp_min(off), {}, {}, torchReduction(reduction));
}

at::Tensor binaryCrossEntropy(const at::Tensor &logits, const at::Tensor &targets, Reduction reduction)
{
    const auto dense = denseTargets(logits, targets, "BinaryCrossEntropyLoss");
    return torch::binary_cross_entropy_with_logits(logits, dense, {}, {}, torchReduction(reduction));
}

at::Tensor crossEntropy(const at::Tensor &logits, const at::Tensor &targets)
{
    if (targets.sizes() == logits.sizes())
        return -(targets.to(logits.scalar_type()) * torch::log_softmax(logits, 1)).sum(1).mean();
    denseTargets(logits, targets, "CrossEntropyLoss"); // validates the shapes
    return torch::nn::functional::cross_entropy(logits, targets.to(torch::kLong));
}

at::Tensor sigLipLoss(const at::Tensor &image, const at::Tensor &text, double logitScale, double logitBias,
                      int cosScaling, bool detach)
{
    const int64_t expectedDim = cosScaling > 0 ? 3 : 2;
    if (image.dim() != expectedDim || text.dim() != 2 || image.size(-1) != text.size(1)
        || image.size(-2) != text.size(0))
        fail(ErrorCode::InvalidArgument, "SigLipLoss: expected image {} and text [B, D], got {} and {}",
             cosScaling > 0 ? "tokens [L, B, D]" : "features [B, D]", shapeString(image.sizes()),
             shapeString(text.sizes()));
    const int64_t batch = text.size(0);
    at::Tensor logits = torch::matmul(image, text.t());
    if (cosScaling > 0) {
        auto factor = logits.pow(cosScaling - 1).abs();
        logits = (logits * (detach ? factor.detach() : factor)).mean(0);
    }
    logits = logitScale * logits + logitBias;
    // labels: +1 on the diagonal (matching pairs), -1 elsewhere
    const auto labels = 2 * torch::eye(batch, logits.options()) - 1;
    return -torch::log_sigmoid(labels * logits).sum() / static_cast<double>(batch);
}

at::Tensor distillationKl(const at::Tensor &student, const at::Tensor &teacher, double temperature)
{
    checkDistillationLogits(student, teacher, temperature, "distillation KL");
    const auto target = torch::log_softmax(teacher.detach().to(student.scalar_type()) / temperature, 1);
    const auto predicted = torch::log_softmax(student / temperature, 1);
    const auto perImage = (target.exp() * (target - predicted)).sum(1);
    return perImage.mean() * (temperature * temperature);
}

at::Tensor distillationBce(const at::Tensor &student, const at::Tensor &teacher, double temperature)
{
    checkDistillationLogits(student, teacher, temperature, "distillation BCE");
    const auto target = torch::softmax(teacher.detach().to(student.scalar_type()) / temperature, 1);
    return torch::binary_cross_entropy_with_logits(student, target);
}

at::Tensor featureCosineLoss(const at::Tensor &student, const at::Tensor &teacher)
{
    if (student.sizes() != teacher.sizes() || student.dim() < 2)
        fail(ErrorCode::Mismatch, "feature alignment: the student's features are {}, the teacher's {}; they must "
             "have the same shape [B, C, ...]", shapeString(student.sizes()), shapeString(teacher.sizes()));
    const auto target = teacher.detach().to(student.scalar_type());
    const auto cosine = torch::cosine_similarity(student, target, 1, 1e-8);
    return 1 - cosine.mean();
}

at::Tensor correctTopK(const at::Tensor &logits, const at::Tensor &targets, int64_t k)
{
    const auto labels = targets.dim() == 2 ? targets.argmax(1) : targets;
    k = std::min<int64_t>(k, logits.size(1));
    const auto top = std::get<1>(logits.topk(k, 1));
    return top.eq(labels.to(top.device()).view({-1, 1})).any(1).sum();
}

} // namespace bcos::core
