#pragma once

#include "core/io/pickle.h"

#include <filesystem>
#include <string>

namespace bcos::core {

class ZipReader;

/// The folder every entry of a torch zip archive lives in: "X" for the entry "X/data.pkl".
/// Throws Error{Format} when the archive has no "X/data.pkl".
std::string torchArchiveFolder(const ZipReader &zip);

/// True when the archive is TorchScript (torch.jit.save: "X/constants.pkl" or "X/code/..."), whose
/// data.pkl references __torch__ classes and must be read with torch::jit::load instead.
bool isTorchScriptArchive(const ZipReader &zip);

/// Decodes a torch.save zip archive (PyTorch >= 1.6: "X/data.pkl", storages in "X/data/<key>",
/// optional "X/byteorder") with the restricted unpickler, without executing any code.
/// Tensors come back as PickleValue::Kind::Tensor: CPU tensors with the file's dtype, sizes, strides and
/// storage offset; tensors that shared a storage in Python share one here. Storages are zero-copy views
/// on the mapped file when aligned, copies otherwise. Only F64/F32/F16/BF16/I64/I32/I16/I8/U8/BOOL storages
/// are accepted. Errors (Error{Format|Unsupported}) name the file: missing storages, views outside their
/// storage, forbidden globals, big-endian archives.
PickleValuePtr readTorchArchive(const ZipReader &zip);

/// Opens `path` as a zip archive and decodes it with readTorchArchive().
PickleValuePtr readTorchFile(const std::filesystem::path &path);

} // namespace bcos::core
