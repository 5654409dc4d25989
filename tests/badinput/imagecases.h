#pragma once

#include <ATen/core/Tensor.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bcos::test {

/// An unusual but valid image file: readImage() must decode it to the stated [3, H, W] result (checked with
/// GoogleTest expectations in `check`), and `bcos predict` must accept it. docs/bad-inputs.md lists the rows.
struct UnusualImageCase {
    std::string name; ///< "image.<case>"
    std::string what; ///< what is unusual about the file
    std::string expected; ///< the result in words, as in the doc table
    std::string fileName; ///< written under the temp dir (the extension picks the encoder)
    std::function<void(const std::filesystem::path &file)> write;
    std::function<void(const at::Tensor &image)> check; ///< `image` [3, H, W] float in [0, 1]
};

std::vector<UnusualImageCase> unusualImageCases();

} // namespace bcos::test
