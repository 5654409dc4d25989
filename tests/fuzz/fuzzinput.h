#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace bcos::fuzz {

/// The fuzzer's input as a string view (no copy).
inline std::string_view bytesOf(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

/// A scratch folder private to this fuzzer process (on the RAM disk /dev/shm when there is one), created
/// on first use and removed at exit. Readers that take a path (mmap, OpenCV) read the input from here.
const std::filesystem::path &scratchDirectory();

/// Writes `bytes` to `scratchDirectory() / name` (replacing it) and returns the path.
std::filesystem::path writeScratchFile(const std::string &name, std::string_view bytes);

/// Runs one parse of the fuzzer's input. bcos::core::Error is the expected outcome for a bad input and is
/// swallowed; any other exception is a bug: its type and message are printed and the process aborts, so
/// libFuzzer records the input as a crash (as it does for sanitizer reports and signals). Returns 0.
/// The first call makes LibTorch single-threaded (intra-op parallelism only costs time on tiny inputs).
int expectOnlyCoreErrors(const std::function<void()> &parse);

/// Writes the input to the scratch file `name` and runs `parse(path)` under expectOnlyCoreErrors().
int parseAsFile(const std::uint8_t *data, std::size_t size, const std::string &name,
                const std::function<void(const std::filesystem::path &)> &parse);

} // namespace bcos::fuzz
