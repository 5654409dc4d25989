#pragma once

#include <filesystem>
#include <string>

namespace bcos::core {

/// Reads a whole file into memory. Files ending in ".gz" are decompressed with zlib (when built with zlib;
/// otherwise Error{Unsupported}). Error{Io} names the file when it is missing or unreadable, Error{Format}
/// when the gzip stream is corrupt or truncated.
std::string readFileBytes(const std::filesystem::path &path);

/// `base` if it exists, else `base` + ".gz" if that exists, else Error{Io} naming both candidates.
std::filesystem::path findPlainOrGzip(const std::filesystem::path &base);

} // namespace bcos::core
