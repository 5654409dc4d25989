#pragma once

#include "core/data/dataset.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bcos::core {

/// Images already in memory as a dataset: images [N, 3, H, W] floating point in [0, 1], labels [N] integers
/// (-1: unlabelled), `classes` classes named by their index. get() returns float32 views, labels as int64.
class TensorDataset : public Dataset {
public:
    /// Throws Error{InvalidArgument} for other shapes or dtypes, or labels not [N].
    TensorDataset(at::Tensor images, at::Tensor labels, int64_t classes);
    int64_t size() const override;
    int64_t numClasses() const override { return m_classes; }
    std::vector<std::string> classNames() const override;
    bool hasClassNames() const override { return false; }
    Sample get(int64_t index) const override;
    int64_t label(int64_t index) const override;

private:
    at::Tensor m_images, m_labels;
    int64_t m_classes;
};

} // namespace bcos::core
