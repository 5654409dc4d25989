#pragma once

#include "core/data/dataset.h"

#include <filesystem>

namespace bcos::core {

/// MNIST / Fashion-MNIST in the IDX format: `<split>-images-idx3-ubyte` and `<split>-labels-idx1-ubyte`
/// (split "train" or "t10k"), each optionally gzip-compressed (".gz"). Images are held as uint8 [N, H, W]
/// and returned as [3, H, W] float in [0, 1]. Throws Error{Io|Format} naming the file when a file is
/// missing, has a wrong magic number, is truncated, or images and labels disagree.
class IdxDataset : public Dataset {
public:
    /// `train`: the training split; else the test split ("t10k").
    IdxDataset(const std::filesystem::path &directory, bool train);

    int64_t size() const override { return m_images.size(0); }
    int64_t numClasses() const override { return m_numClasses; }
    std::vector<std::string> classNames() const override;
    bool hasClassNames() const override { return false; } ///< IDX files carry labels only
    Sample get(int64_t index) const override;

    /// Parses one IDX file's bytes; `expectedDims` is 3 (images) or 1 (labels) -> uint8 tensor.
    static at::Tensor parseIdx(const std::string &bytes, int expectedDims, const std::string &fileName);

private:
    at::Tensor m_images; // uint8 [N, H, W]
    at::Tensor m_labels; // int64 [N]
    int64_t m_numClasses = 0;
};

} // namespace bcos::core
