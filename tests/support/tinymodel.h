#pragma once

#include "core/models/network.h"

#include <cstdint>
#include <filesystem>

namespace bcos::test {

/// A tiny B-cos network: simplecnn widths [4, 8], `classes` classes, `inputSize` x `inputSize` inputs, seeded
/// weights (the network writeTinyModel() saves).
core::Network tinyNetwork(int64_t classes = 10, int64_t inputSize = 8);

/// A tiny valid B-cos model file: simplecnn widths [4, 8], `classes` classes, `inputSize` x `inputSize` inputs
/// (resized to that side, then centre-cropped), seeded weights. Returns `file`.
std::filesystem::path writeTinyModel(const std::filesystem::path &file, int64_t classes = 10, int64_t inputSize = 8);

} // namespace bcos::test
