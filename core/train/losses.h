#pragma once

#include <ATen/core/Tensor.h>

#include <optional>

namespace bcos::core {

/// How a per-element loss is reduced.
enum class Reduction { Mean, Sum, None };

/// The B-cos training loss (bcos.modules.losses.UniformOffLabelsBCEWithLogitsLoss): targets become one-hot,
/// are clamped from below to `offLabel` (1/K when unset or 0, as Python's `off_label or 1/K`) and fed to
/// BCE-with-logits. logits [B, K]; targets [B] int64 class indices or dense [B, K] (e.g. mixup) in [0, 1].
/// Returns a scalar, or [B, K] for Reduction::None. Throws Error{InvalidArgument} on shape mismatch.
at::Tensor uniformOffLabelsBceWithLogits(const at::Tensor &logits, const at::Tensor &targets,
                                         std::optional<double> offLabel = std::nullopt,
                                         Reduction reduction = Reduction::Mean);

/// Plain BCE-with-logits against one-hot (or dense [B, K]) targets, no smoothing
/// (bcos.modules.losses.BinaryCrossEntropyLoss with its defaults). logits [B, K], targets [B] or [B, K].
at::Tensor binaryCrossEntropy(const at::Tensor &logits, const at::Tensor &targets,
                              Reduction reduction = Reduction::Mean);

/// Softmax cross-entropy for standard pretraining. logits [B, K]; targets [B] int64 or soft [B, K].
at::Tensor crossEntropy(const at::Tensor &logits, const at::Tensor &targets);

/// SigLIP loss (Zhai et al. 2023), single process: logits = scale * img @ txt^T + bias,
/// loss = -sum logsigmoid((2I - 1) * logits) / B.
/// image: [B, D], or tokens [L, B, D] when cosScaling > 0: then s = img_l @ txt^T is sharpened to
/// s * |s^(cosScaling-1)| (the factor detached when `detach`) and averaged over L. text: [B, D].
/// The B-cosification CLIP distillation uses scale 10 and bias -10 (fixed) and cosScaling 3 on tokens.
at::Tensor sigLipLoss(const at::Tensor &image, const at::Tensor &text, double logitScale = 10.0,
                      double logitBias = -10.0, int cosScaling = 0, bool detach = false);

/// Logit distillation (Hinton et al. 2015): T^2 * KL(softmax(teacher / T) || softmax(student / T)), summed over
/// the K classes and averaged over the batch (PyTorch's kl_div with reduction "batchmean"). The T^2 keeps the
/// gradient's scale independent of T. student, teacher: logits [B, K]; the teacher's carry no gradient.
at::Tensor distillationKl(const at::Tensor &student, const at::Tensor &teacher, double temperature);

/// Logit distillation in the B-cos recipe's loss: BCE-with-logits of the student's logits (logit bias included)
/// against the teacher's softened class probabilities softmax(teacher / T) as dense targets, averaged over all
/// B x K elements (as uniformOffLabelsBceWithLogits averages). For teachers trained with softmax cross-entropy,
/// whose logits are shift-invariant, so that their sigmoid is not a probability.
at::Tensor distillationBce(const at::Tensor &student, const at::Tensor &teacher, double temperature);

/// Feature alignment: 1 - cosine similarity of student and teacher features along the channel dimension (dim 1),
/// averaged over the batch and every location: feature maps [B, C, h, w] or vectors [B, C]. Shapes must match
/// (Error{Mismatch} naming both otherwise).
at::Tensor featureCosineLoss(const at::Tensor &student, const at::Tensor &teacher);

/// Number of correct top-k predictions (k capped at K): logits [B, K], targets [B] int64 (or dense [B, K]: argmax),
/// as a 0-d int64 tensor on the logits' device, so that the caller decides when to wait for the device.
at::Tensor correctTopK(const at::Tensor &logits, const at::Tensor &targets, int64_t k);

} // namespace bcos::core
