#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace bcos::core {

/// Writes `path` atomically: `write` fills a temporary file in the same directory, which is flushed,
/// fsync'ed and renamed over `path`. On any failure the temporary is removed, `path` is untouched, and
/// Error{Io} names the file.
void writeFileAtomically(const std::filesystem::path &path, const std::function<void(std::ostream &)> &write);

} // namespace bcos::core
