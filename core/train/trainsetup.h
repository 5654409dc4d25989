#pragma once

#include "core/data/dataloader.h"
#include "core/train/trainoptions.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace bcos::core {

/// What TrainOptions turn into inside the Trainer (core/train/trainer.h).

/// Adam, AdamW or SGD (with options.momentum) over `parameters`, with the options' learning rate and weight decay.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainOptions &options,
                                                       const std::vector<at::Tensor> &parameters);

/// The training loader's settings (shuffled, augmented as the options say); the validation loader uses the same
/// with shuffle and train-time augmentation off.
LoaderOptions trainLoaderOptions(const TrainOptions &options);

/// The classifier loss effectiveLoss(options) selects, on logits [B, K] float and labels [B] int64; a scalar.
at::Tensor classifierLoss(const TrainOptions &options, const at::Tensor &logits, const at::Tensor &labels);

} // namespace bcos::core
