#include "complexity.h"

#include "core/eval/metrics/metricinput.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// |a| of checked, non-zero maps, flattened to [N, H W] double.
at::Tensor absoluteValues(std::string_view metric, const at::Tensor &maps, std::string_view why)
{
    const at::Tensor values = checkedMaps(metric, maps);
    requireNonZeroMaps(metric, values, why);
    return values.abs().flatten(1);
}

} // namespace

at::Tensor giniSparseness(const at::Tensor &maps)
{
    const at::Tensor v = std::get<0>(absoluteValues("sparseness", maps, "its Gini index is 0 / 0").sort(1));
    const int64_t n = v.size(1);
    const at::Tensor k = torch::arange(1, n + 1, v.options());
    return ((2 * k - double(n) - 1) * v).sum(1) / (double(n) * v.sum(1));
}

at::Tensor attributionEntropy(const at::Tensor &maps)
{
    const at::Tensor v = absoluteValues("complexity", maps, "its normalised attribution is 0 / 0");
    const at::Tensor p = v / v.sum(1, true);
    // 0 ln 0 = 0: xlogy gives exactly that.
    return -torch::xlogy(p, p).sum(1);
}

} // namespace bcos::core
