#include "tensordataset.h"

#include <torch/torch.h>

namespace bcos::test {

TensorDataset::TensorDataset(at::Tensor images, at::Tensor labels, int64_t classes)
    : m_images(std::move(images))
    , m_labels(std::move(labels))
    , m_classes(classes)
{
}

int64_t TensorDataset::size() const { return m_images.size(0); }

std::vector<std::string> TensorDataset::classNames() const { return std::vector<std::string>(m_classes, "c"); }

core::Sample TensorDataset::get(int64_t index) const { return {m_images[index], m_labels[index].item<int64_t>()}; }

std::shared_ptr<core::Dataset> colourDataset(int64_t n, uint64_t seed)
{
    torch::manual_seed(seed);
    auto images = torch::rand({n, 3, 8, 8}) * 0.9;
    auto labels = torch::randint(0, 4, {n}, torch::kLong);
    for (int64_t i = 0; i < n; ++i) {
        const int64_t k = labels[i].item<int64_t>();
        if (k < 3)
            images[i][k] += 0.1;
    }
    return std::make_shared<TensorDataset>(images, labels, 4);
}

} // namespace bcos::test
