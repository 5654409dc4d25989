#pragma once

#include "widgets/training/trainingcontroller.h"

namespace bcos::widgets {

/// The studio's TrainFunction: runs core::Trainer (training thread) with the form's settings and the paper's
/// other defaults. Mode Bcosify: core::bcosify() of settings.model, then fine-tuning; Pretrain: a copy of
/// settings.model fine-tuned as a standard network; Scratch: a freshly initialised B-cos network of its
/// architecture. Data: IDX (train/t10k), CIFAR-10 (train/test batches) or an image folder (train/val or a
/// 10 % split). Core metrics become TrainingHooks calls; pause/cancel are polled between steps; after each
/// epoch the W(x)x of settings.probes is rendered (B-cos modes). Throws core::Error for bad settings/data.
void trainWithCore(const TrainingSettings &settings, TrainingHooks &hooks);

} // namespace bcos::widgets
