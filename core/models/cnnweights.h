#pragma once

#include "core/io/tensormap.h"

#include <functional>
#include <string>

namespace torch::nn {
class Module;
}

namespace bcos::core {

/// Maps a module path of the B-cos backbone to the module path of the standard one.
using ModulePathMap = std::function<std::string(const std::string &bcosPath)>;

/// B-cosifies the weights of a CNN the way the reference's BcosifyNetwork does (B-cosification, Sec. 3):
/// `bcosModel` is a freshly built B-cos backbone; for each of its layers the standard layer at
/// `standardPath(path)` in `standardWeights` (torchvision keys, no prefix) gives:
/// - BcosConv2d: "linear.weight" = the conv weight unchanged (not unit-normalised); a Linear [K, C] becomes
///   [K, C, 1, 1]; a 3-channel input conv becomes cat([W, -W], 1) / 2 for the [x, 1-x] input; with maxOut > 1
///   each output unit is repeated maxOut times (the reference cannot copy weights there). The bias is kept
///   only if the layer has one (keepBiases).
/// - BatchNormUncentered2d: weight, running_mean, running_var copied; with keepBiases the bias folds the mean:
///   beta' = beta - running_mean / sqrt(running_var + eps) * gamma; num_batches_tracked = 0.
/// A learnt B ("<layer>.b") keeps the fresh model's value. Returns the B-cos backbone's full state dict.
/// Throws Error{Mismatch} naming the standard key that is missing or has the wrong shape, and Error{Internal}
/// when the B-cos model has a tensor no rule converts.
TensorMap bcosifyCnnWeights(torch::nn::Module &bcosModel, const TensorMap &standardWeights,
                            const ModulePathMap &standardPath);

} // namespace bcos::core
