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

/// Number of correct top-k predictions: logits [B, K], targets [B] int64 (or dense [B, K]: argmax).
int64_t countCorrectTopK(const at::Tensor &logits, const at::Tensor &targets, int64_t k);

} // namespace bcos::core
