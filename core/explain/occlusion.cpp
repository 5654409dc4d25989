#include "occlusion.h"

#include "core/error.h"
#include "core/models/network.h"

#include <torch/torch.h>

namespace bcos::core {

std::vector<int64_t> occlusionOrigins(int64_t size, int64_t window, int64_t stride)
{
    if (window < 1 || window > size)
        fail(ErrorCode::InvalidArgument, "OcclusionOptions.window: expected 1..{} (the image side), got {}", size, window);
    if (stride < 1)
        fail(ErrorCode::InvalidArgument, "OcclusionOptions.stride: expected >= 1, got {}", stride);
    std::vector<int64_t> origins;
    for (int64_t origin = 0; origin + window <= size; origin += stride)
        origins.push_back(origin);
    if (origins.back() != size - window)
        origins.push_back(size - window);
    return origins;
}

Explanation explainOcclusion(NetworkImpl &network, const ExplainRequest &request)
{
    const auto &options = request.occlusion;
    const auto prepared = detail::prepare(network, request);
    const at::Tensor &images = request.images;
    const int64_t n = images.size(0), h = images.size(2), w = images.size(3), window = options.window;
    const auto rows = occlusionOrigins(h, window, options.stride);
    const auto cols = occlusionOrigins(w, window, options.stride);
    const int64_t perImage = int64_t(rows.size() * cols.size()), total = n * perImage;
    const at::Tensor clean = prepared.logits.gather(1, prepared.targets.view({-1, 1})).view({-1});

    at::Tensor dropSum = torch::zeros({n, h, w}, images.options());
    at::Tensor coverage = torch::zeros({n, h, w}, images.options());
    for (int64_t begin = 0; begin < total; begin += request.batchSize) {
        const int64_t end = std::min(total, begin + request.batchSize);
        std::vector<int64_t> imageIndex;
        at::Tensor keep = torch::ones({end - begin, 1, h, w}, images.options());
        for (int64_t flat = begin; flat < end; ++flat) {
            const int64_t position = flat % perImage;
            const int64_t r = rows[position / int64_t(cols.size())], c = cols[position % int64_t(cols.size())];
            imageIndex.push_back(flat / perImage);
            keep[flat - begin].slice(1, r, r + window).slice(2, c, c + window).fill_(0);
        }
        const at::Tensor index = torch::tensor(imageIndex, torch::kLong).to(images.device());
        const at::Tensor occluded = images.index_select(0, index) * keep + options.baselineValue * (1 - keep);
        const at::Tensor scores = detail::targetScores(network, network.encode(occluded), prepared.targets.index_select(0, index));
        const at::Tensor drop = (clean.index_select(0, index) - scores).view({-1, 1, 1});
        const at::Tensor covered = 1 - keep.squeeze(1);
        dropSum.index_add_(0, index, drop * covered);
        coverage.index_add_(0, index, covered);
        detail::reportProgress(request, end, total);
    }
    Explanation result;
    result.logits = prepared.logits;
    result.targets = prepared.targets;
    result.attributions = torch::where(coverage > 0, dropSum / coverage.clamp_min(1), torch::zeros_like(dropSum));
    return result;
}

} // namespace bcos::core
