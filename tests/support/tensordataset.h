#pragma once

#include "core/data/dataset.h"

#include <cstdint>
#include <memory>

namespace bcos::test {

/// In-memory dataset: images [N, 3, H, W] in [0, 1], labels [N] int64; class names "c".
class TensorDataset : public core::Dataset {
public:
    TensorDataset(at::Tensor images, at::Tensor labels, int64_t classes);
    int64_t size() const override;
    int64_t numClasses() const override { return m_classes; }
    std::vector<std::string> classNames() const override;
    core::Sample get(int64_t index) const override;

private:
    at::Tensor m_images, m_labels;
    int64_t m_classes;
};

/// A learnable toy problem of `n` 8x8 images (seeded): noise in [0, 0.9); classes 0..2 add 0.1 to colour
/// channel k, class 3 adds nothing.
std::shared_ptr<core::Dataset> colourDataset(int64_t n, uint64_t seed);

} // namespace bcos::test
