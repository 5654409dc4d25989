#pragma once

#include "core/io/pickle.h"

#include <filesystem>
#include <string>
#include <vector>

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
/// Tensors come back as lazy PickleValue::Kind::Tensor values: dtype and shape are known (and every view is
/// checked against its storage) at once, the bytes are read by PickleValue::materialize(), so only the tensors
/// a caller asks for are materialised (the values keep a copy of the archive's directory and its mapping).
/// Materialised tensors are CPU tensors with the file's dtype, sizes, strides and storage offset; tensors that
/// shared a storage in Python share one here. Storages are zero-copy views on the mapped file when aligned,
/// copies otherwise. Only F64/F32/F16/BF16/I64/I32/I16/I8/U8/BOOL storages are accepted. Globals outside the
/// allow-list become inert placeholders (see unpickle()), named once each in `foreignGlobals`. Errors
/// (Error{Format|Unsupported}) name the file: missing storages, views outside their storage, unsupported
/// storage types, big-endian archives.
PickleValuePtr readTorchArchive(const ZipReader &zip, std::vector<std::string> *foreignGlobals = nullptr);

/// Opens `path` as a zip archive and decodes it with readTorchArchive().
PickleValuePtr readTorchFile(const std::filesystem::path &path, std::vector<std::string> *foreignGlobals = nullptr);

} // namespace bcos::core
