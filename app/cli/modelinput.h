#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <string>
#include <vector>

namespace bcos::cli {

class Args;

/// The network a predict/explain command runs (core::loadModelFile): `--model FILE` (our model file), or
/// `--arch ARCH --weights FILE [--num-classes N]` (an unconverted standard network). Throws UsageError when
/// neither or both are given.
core::Network networkFromArgs(const Args &args);

/// Input images [N, 3, H, W] float32 in [0, 1]: one safetensors file holding tensor "images", or image files
/// (with OpenCV) resized (shorter side to resizeSize, bilinear, antialiased) and centre-cropped to inputSize.
at::Tensor readInputImages(const std::vector<std::string> &inputs, const core::Preprocessing &preprocessing);

/// readInputImages() in batches of at most `batchSize` images, handed to `each` ([n, 3, H, W]) in order: image files
/// are decoded batch by batch, so memory holds one batch however many files are given; a safetensors file is read
/// once. The same usage errors as readInputImages(), before anything is decoded.
void forEachInputBatch(const std::vector<std::string> &inputs, const core::Preprocessing &preprocessing,
                       int64_t batchSize, const std::function<void(const at::Tensor &)> &each);

/// The name of each of the `count` images that `inputs` hold (readInputImages order): the image files as given, or
/// "IN[i]" for the images of one tensor file IN.
std::vector<std::string> inputImageNames(const std::vector<std::string> &inputs, int64_t count);

/// Metadata written next to command outputs: format, command and the model's description.
core::Metadata outputMetadata(const std::string &command, const core::NetworkImpl &network);

} // namespace bcos::cli
