#include "linearscore.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>

namespace bcos::test {

core::ScoreFunction LinearScore::function() const
{
    return [this](const at::Tensor &images, const at::Tensor &) {
        ++calls;
        largestBatch = std::max(largestBatch, images.size(0));
        return (images.to(torch::kFloat) * weights).sum({1, 2, 3}) + bias;
    };
}

at::Tensor LinearScore::attribution(const at::Tensor &images) const
{
    return (images.to(torch::kDouble) * weights.to(torch::kDouble)).sum(1);
}

at::Tensor LinearScore::magnitude(const at::Tensor &images) const
{
    return (images.to(torch::kDouble) * weights.to(torch::kDouble)).abs().sum(1);
}

at::Tensor seededImages(int64_t n, int64_t h, int64_t w, uint64_t seed)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    return torch::rand({n, 3, h, w}, generator, torch::kFloat);
}

LinearScore seededLinearScore(int64_t h, int64_t w, uint64_t seed)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    LinearScore model;
    model.weights = torch::randn({h, w}, generator, torch::kFloat);
    return model;
}

} // namespace bcos::test
