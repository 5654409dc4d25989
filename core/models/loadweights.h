#pragma once

#include "core/io/tensormap.h"

#include <string>

namespace torch::nn {
class Module;
}

namespace bcos::core {

/// The module's parameters and buffers with PyTorch's state_dict() keys and order (per module: its own
/// parameters, then its own buffers, then its children, depth first). Tensors are shared, not copied.
TensorMap stateDict(const torch::nn::Module &module);

/// Adapts the keys of a foreign checkpoint to `module`: removes wrapper prefixes that every key shares and the
/// module does not use ("module." from DataParallel, "model.", "state_dict."), and adds "model." when the
/// module is a Network and the checkpoint holds only a backbone.
TensorMap adaptKeys(const TensorMap &weights, const torch::nn::Module &module);

/// Copies `weights` (after adaptKeys) into the module's parameters and buffers, converting dtype and device.
/// Strict: any missing key, unexpected key or shape mismatch throws Error{Mismatch} with a readable diff
/// naming `origin`, e.g. "weights from w.safetensors do not fit the model: 2 missing keys (fc.weight,
/// fc.bias); 1 shape mismatch (conv1.weight: file [64, 3, 7, 7], model [64, 6, 7, 7])" (lists capped at 5).
/// num_batches_tracked is optional on both sides (old checkpoints lack it, uncentered norms reset it).
/// An integer/bool tensor for a floating-point weight throws Error{Mismatch}; NaN or Inf values Error{Numerical}.
void loadStateDict(torch::nn::Module &module, const TensorMap &weights, const std::string &origin);

} // namespace bcos::core
