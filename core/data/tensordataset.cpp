#include "tensordataset.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

TensorDataset::TensorDataset(at::Tensor images, at::Tensor labels, int64_t classes)
    : m_classes(classes)
{
    if (!images.defined() || images.dim() != 4 || images.size(1) != 3 || !images.is_floating_point())
        fail(ErrorCode::InvalidArgument, "tensor dataset: expected images [N, 3, H, W] floating point, got {}",
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"));
    if (!labels.defined() || labels.dim() != 1 || labels.size(0) != images.size(0) || labels.is_floating_point())
        fail(ErrorCode::InvalidArgument, "tensor dataset: expected labels [{}] integers, got {}", images.size(0),
             labels.defined() ? shapeString(labels.sizes()) : std::string("no tensor"));
    m_images = images.to(torch::kFloat);
    m_labels = labels.to(torch::kCPU, torch::kLong).contiguous();
}

int64_t TensorDataset::size() const { return m_images.size(0); }

std::vector<std::string> TensorDataset::classNames() const
{
    std::vector<std::string> names;
    for (int64_t k = 0; k < m_classes; ++k)
        names.push_back(std::to_string(k));
    return names;
}

Sample TensorDataset::get(int64_t index) const
{
    checkIndex("tensor dataset", index, size());
    return {m_images[index], label(index)};
}

int64_t TensorDataset::label(int64_t index) const
{
    checkIndex("tensor dataset", index, size());
    return m_labels.data_ptr<int64_t>()[index];
}

} // namespace bcos::core
