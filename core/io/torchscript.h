#pragma once

#include "core/io/tensormap.h"

#include <filesystem>

namespace bcos::core {

/// Tensors and a little description of a TorchScript archive.
struct TorchScriptContents {
    TensorMap tensors; ///< parameters and buffers, state_dict names and order ("visual.conv1.weight", ...)
    Metadata metadata; ///< "module_type": the scripted class of the root module
};

/// Loads a TorchScript archive (torch.jit.save, e.g. OpenAI CLIP's "ViT-B-32.pt") on the CPU with
/// torch::jit::load and collects every module's parameters, then buffers, then children recursively (the
/// order of Module.state_dict()). The archive's code is compiled, never run (no forward pass).
/// A LibTorch failure becomes Error{Format} "FILE: cannot load TorchScript archive: <reason>".
TorchScriptContents readTorchScript(const std::filesystem::path &path);

} // namespace bcos::core
