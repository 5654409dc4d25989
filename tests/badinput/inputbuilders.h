#pragma once

#include "tests/support/tinymodel.h" // writeTinyModel

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bcos::test {

/// A catalogue case name as a GoogleTest parameter name: every character but letters and digits becomes '_'.
std::string gtestName(std::string name);

/// Writes `text` to `path` (binary, truncating).
void writeFile(const std::filesystem::path &path, const std::string &text);

/// A safetensors file byte by byte: the 8-byte little-endian header length, `header` (JSON text) and `data`.
std::string rawSafetensors(const std::string &header, const std::string &data);

/// The first `bytes` bytes of a file's content.
std::string truncated(const std::filesystem::path &file, std::size_t bytes);

/// "images" [n, 3, 8, 8] in [0, 1] (and "labels" [n] int64, all 0) as a safetensors file. Returns `file`.
std::filesystem::path writeTinyImages(const std::filesystem::path &file, int64_t n = 2);

/// An IDX file: magic (0, 0, type 0x08, rank), big-endian dims, then `data`.
std::string idxBytes(const std::vector<std::uint32_t> &dims, const std::string &data);

/// A complete MNIST-style directory (train and t10k images and labels, uncompressed) with `n` 4x4 images per
/// split and labels i % 10; files named in `replace` get that content instead.
void writeIdxDirectory(const std::filesystem::path &dir, std::uint32_t n,
                       const std::vector<std::pair<std::string, std::string>> &replace = {});

/// A CIFAR-10 directory (data_batch_1..5, test_batch, batches.meta.txt) with one record per batch; files named in
/// `replace` get that content instead.
void writeCifarDirectory(const std::filesystem::path &dir,
                         const std::vector<std::pair<std::string, std::string>> &replace = {});

} // namespace bcos::test
