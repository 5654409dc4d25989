#pragma once

#include "core/data/dataset.h"

#include <filesystem>

namespace bcos::core {

/// CIFAR-10 in its binary distribution: records of 1 label byte + 3072 bytes (R, G, B planes of 32x32) in
/// data_batch_1.bin .. data_batch_5.bin (train) or test_batch.bin (test). Class names come from
/// batches.meta.txt when present. Throws Error{Io|Format} naming the file when one is missing, its size is
/// not a multiple of 3073 bytes (truncated), or a label is >= 10.
class CifarDataset : public Dataset {
public:
    CifarDataset(const std::filesystem::path &directory, bool train);

    int64_t size() const override { return m_images.size(0); }
    int64_t numClasses() const override { return 10; }
    std::vector<std::string> classNames() const override { return m_classNames; }
    Sample get(int64_t index) const override;

private:
    at::Tensor m_images; // uint8 [N, 3, 32, 32]
    at::Tensor m_labels; // int64 [N]
    std::vector<std::string> m_classNames;
};

} // namespace bcos::core
