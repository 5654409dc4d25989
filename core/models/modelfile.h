#pragma once

#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <filesystem>

namespace bcos::core {

/// Our model file: one .safetensors holding the Network's state dict ("model.<backbone key>", PyTorch order)
/// and `__metadata__` {"format": "bcos-model-v1", "bcos.model": ModelDescription JSON}. Written atomically
/// (temporary file + rename). Weights are stored in their dtype (float32), so save -> load is bit-identical.
void saveModel(const std::filesystem::path &path, NetworkImpl &network);

/// Reads only the description of a model file. Throws Error{Io|Format} naming the file and what is wrong.
ModelDescription readModelDescription(const std::filesystem::path &path);

/// Rebuilds the network described by the file and loads its weights (Error{Mismatch} with a readable diff
/// when they do not fit the description). Returned in eval mode on the CPU.
Network loadModel(const std::filesystem::path &path);

} // namespace bcos::core
