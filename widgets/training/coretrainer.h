#pragma once

#include "widgets/training/trainingcontroller.h"

namespace bcos::widgets {

/// The studio's TrainFunction: runs core::Trainer (training thread) with the form's settings and the paper's
/// other defaults. Mode Bcosify: core::bcosify() of settings.model, then fine-tuning; Pretrain: a copy of
/// settings.model fine-tuned as a standard network; Scratch: a freshly initialised B-cos network of its
/// architecture. Data: IDX (train/t10k), CIFAR-10 (train/test batches) or an image folder (train/val or a
/// 10 % split). `hooks` go to the core's Trainer as they are (observer, pause/cancel control); hooks.probe is
/// only kept for a B-cos network on the CPU with probe images. settings.localRanks > 1: that many data-parallel
/// ranks as threads (core::runLocalRanks), one device each ("cuda" -> cuda:<rank>), rank 0 reporting to `hooks`,
/// every rank stopped by hooks.control's cancel (pause is a single-trainer feature). Throws core::Error for bad
/// settings/data.
void trainWithCore(const TrainingSettings &settings, const core::TrainHooks &hooks);

} // namespace bcos::widgets
