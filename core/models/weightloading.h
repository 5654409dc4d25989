#pragma once

#include "core/io/tensormap.h"

#include <string>

namespace torch::nn {
class Module;
}

namespace bcos::core {

/// The module's parameters and buffers by state-dict key, in registration order (tensors are shared, not copied).
TensorMap stateDict(const torch::nn::Module &module);

/// Copies `weights` into the module's parameters and buffers by key (converting dtype to the module's).
/// Every key of the module must be present with the same shape and there must be no extra keys; otherwise
/// throws Error{Mismatch} naming `origin`, the key and the expected/actual shape.
void loadStateDict(torch::nn::Module &module, const TensorMap &weights, const std::string &origin);

} // namespace bcos::core
