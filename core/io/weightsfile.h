#pragma once

#include "core/io/tensormap.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bcos::core {

/// The weights found in a file of any supported format, flattened to one name -> tensor map.
struct WeightsFile {
    TensorMap tensors;                 ///< CPU tensors, file dtypes and shapes, in file order
    Metadata metadata;                 ///< scalars found beside the weights (epoch, hyper-parameters), key prefix
    std::string format;                ///< "safetensors", "torch-zip", "lightning-ckpt" or "torchscript"
    std::vector<std::string> problems; ///< skipped entries (optimizer states, non-tensor values), one line each
    /// Pickle globals outside the allow-list (pathlib.PosixPath, numpy scalars, os.system): read as inert
    /// placeholders, never called or imported. Empty for safetensors and TorchScript.
    std::vector<std::string> foreignGlobals;
};

/// Loads weights from a safetensors file, a torch.save zip archive (a state dict, plain or OrderedDict, or a
/// checkpoint dict), a PyTorch Lightning .ckpt or a TorchScript archive (OpenAI CLIP's .pt files).
/// The format is detected from the content (magic bytes), whatever the extension. Loading never executes
/// code from the file (see unpickle()).
/// For a checkpoint whose top level holds `state_dict`, `model_state_dict` or `model`, the tensors come
/// from that dict; nested dicts are flattened with "." (e.g. {"model": {"fc.weight": t}} -> "fc.weight").
/// Scalar entries elsewhere become metadata ("epoch" -> "3", "hyper_parameters.lr" -> "0.001"); entries
/// that cannot be metadata (optimizer states) are listed in `problems`. When every tensor name starts with
/// "model." or "module." the metadata gets "key_prefix" (names are kept as stored; see stripKeyPrefix()).
/// Only the tensors of the selected state dict are read from a torch archive (optimiser states stay on disk);
/// globals outside the unpickler's allow-list are listed in `foreignGlobals` and never run.
/// Throws Error{Io|Format|Unsupported} naming the file for unreadable, malformed or unsupported files.
WeightsFile loadWeightsFile(const std::filesystem::path &path);

/// The tensors whose names start with `prefix`, with the prefix removed; others are dropped.
TensorMap stripKeyPrefix(const TensorMap &tensors, const std::string &prefix);

/// A human-readable listing: format, one line per tensor (name, dtype, shape, bytes), metadata, problems and
/// the foreign globals that were skipped.
std::string describeWeightsFile(const WeightsFile &weights);

} // namespace bcos::core
