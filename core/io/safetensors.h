#pragma once

#include "core/io/tensormap.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace bcos::core {

/// Contents of a safetensors file: tensors in header order plus the `__metadata__` strings.
struct SafetensorsContents {
    TensorMap tensors;
    Metadata metadata;
};

/// Limits that protect against hostile headers.
struct SafetensorsLimits {
    std::uint64_t maxHeaderBytes = 100u * 1024u * 1024u; ///< the published format's cap (100 MB)
};

/// Reads a safetensors file (https://github.com/huggingface/safetensors, "Format"): 8-byte LE header
/// length, JSON header, packed little-endian data. The file is memory-mapped; tensors are zero-copy CPU
/// views on it (copy-on-write) when aligned for their dtype, copies otherwise.
/// Validates everything: header bounds and UTF-8, dtypes, shapes (non-negative, no overflow), and that
/// the data offsets are in range, ordered, non-overlapping, exactly cover the buffer, and match
/// shape * dtype size. Throws Error{Format|Io|Unsupported} naming the file and the tensor.
SafetensorsContents readSafetensors(const std::filesystem::path &path, const SafetensorsLimits &limits = {});

/// Parses safetensors bytes already in memory (copies the tensors). `origin` names the source in errors.
SafetensorsContents parseSafetensors(std::string_view bytes, std::string_view origin,
                                     const SafetensorsLimits &limits = {});

/// Serialises tensors (any device/layout; written contiguous, in the given order) and metadata.
/// The header is compact JSON, `__metadata__` first, space-padded to a multiple of 8 bytes.
std::string encodeSafetensors(const TensorMap &tensors, const Metadata &metadata = {});

/// encodeSafetensors() written atomically (temporary file + rename).
void writeSafetensors(const std::filesystem::path &path, const TensorMap &tensors, const Metadata &metadata = {});

/// "F32", "I64", ... for a torch dtype; throws Error{Unsupported} for dtypes outside the format.
std::string safetensorsDtypeName(at::ScalarType type);

} // namespace bcos::core
