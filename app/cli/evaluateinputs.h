#pragma once

#include "core/io/safetensors.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <utility>

namespace bcos::cli {

class Args;

/// What the model-based `bcos evaluate` subcommands run on.
struct ModelInputs {
    core::Network network{nullptr};
    at::Tensor images; ///< [N, 3, H, W] float32 in [0, 1], prepared for the model, on `device`
    at::Tensor labels; ///< [N] int64 on `device`
    c10::Device device{c10::kCPU};
};

/// --model (a classifier's model file, in eval mode on --device) and its images: --data idx:DIR|cifar:DIR|FOLDER
/// (the test split, its first --limit N images, prepared as training evaluated them) or --images
/// I.safetensors ('images' [N, 3, H, W] in [0, 1], 'labels' [N]). Throws UsageError for neither or both.
ModelInputs loadModelInputs(const Args &args);

/// The test split of `spec` (idx:DIR, cifar:DIR, or a folder of class folders: its val/ beside train/, else all
/// its images), the first `limit` images (0: all): images [N, 3, H, W],
/// labels [N].
std::pair<at::Tensor, at::Tensor> testSplit(const std::string &spec, int64_t limit);

/// A required tensor of a safetensors file, with the file, the name and the expected layout in the error.
at::Tensor requireTensor(const core::SafetensorsContents &contents, const std::string &path, const std::string &name,
                         const std::string &expected);

/// Dataset images [N, 3, h, w] prepared as the trainer's evaluation pipeline did for this model (resize the
/// shorter side to resizeSize, centre crop inputSize), so accuracies match training's.
at::Tensor evalTransform(const at::Tensor &images, const core::Preprocessing &preprocessing);

/// --batch-size (default 64); UsageError unless positive.
int64_t batchOption(const Args &args);

/// Logits [N, K] of images [N, 3, H, W], batchSize images per forward pass, without gradients.
at::Tensor batchedLogits(core::NetworkImpl &network, const at::Tensor &images, int64_t batchSize);

} // namespace bcos::cli
