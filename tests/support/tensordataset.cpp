#include "tensordataset.h"

#include <torch/torch.h>

namespace bcos::test {

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
