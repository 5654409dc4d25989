#include "road.h"

#include "core/error.h"
#include "core/eval/metrics/linearimputation.h"
#include "core/eval/metrics/perturbationcurve.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

namespace bcos::core {
namespace {

std::string_view orderName(RoadOrder order) { return order == RoadOrder::MostRelevantFirst ? "ROAD MoRF" : "ROAD LeRF"; }

/// N(0, 1) noise [C, H, W] of image n at percentile j: its own generator, so chunking does not change it.
at::Tensor pairNoise(uint64_t seed, int64_t n, int64_t j, c10::IntArrayRef shape)
{
    const uint64_t pairSeed = seed * 0x9e3779b97f4a7c15ULL + uint64_t(n) * 0x100000001b3ULL + uint64_t(j);
    at::Generator generator = at::detail::createCPUGenerator(pairSeed);
    return torch::randn(shape, generator, torch::kDouble);
}

} // namespace

void checkRoadOptions(const RoadOptions &options)
{
    const std::string_view metric = orderName(options.order);
    if (options.percentiles.empty())
        fail(ErrorCode::InvalidArgument, "{}: no percentiles given", metric);
    for (const double p : options.percentiles)
        if (!(p > 0 && p < 100))
            fail(ErrorCode::InvalidArgument, "{}: percentiles must lie in (0, 100), got {}", metric, p);
    if (!(options.noise >= 0) || std::isinf(options.noise))
        fail(ErrorCode::InvalidArgument, "{}: the noise must be a finite number >= 0, got {}", metric, options.noise);
    checkBatchSize(metric, options.batchSize);
}

RoadResult road(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets, const at::Tensor &maps,
                const RoadOptions &options, const MetricProgress &progress)
{
    const std::string_view metric = orderName(options.order);
    const at::Tensor values = checkedMaps(metric, maps);
    checkImagesAndTargets(metric, images, targets, values);
    checkRoadOptions(options);
    requireNonZeroMaps(metric, values, "it gives no order to remove the pixels in");

    const int64_t n = images.size(0), c = images.size(1), h = images.size(2), w = images.size(3);
    const int64_t count = int64_t(options.percentiles.size()), total = n * count;
    // LeRF ranks by increasing attribution: the decreasing order of -a keeps ties in raster order too.
    const bool morf = options.order == RoadOrder::MostRelevantFirst;
    const at::Tensor ranks = unitRanks(morf ? values : -values, 1).to(images.device());
    std::vector<int64_t> removedCounts;
    for (const double p : options.percentiles)
        removedCounts.push_back(std::llround(p / 100.0 * double(h * w)));
    const at::Tensor labels = targets.to(images.device(), torch::kLong);

    at::Tensor scores = torch::empty({total}, torch::kDouble);
    for (int64_t begin = 0; begin < total; begin += options.batchSize) {
        const int64_t end = std::min(total, begin + options.batchSize);
        std::vector<at::Tensor> masks, noise;
        std::vector<int64_t> imageIndex;
        for (int64_t flat = begin; flat < end; ++flat) {
            const int64_t i = flat / count, j = flat % count;
            imageIndex.push_back(i);
            masks.push_back(ranks[i].lt(removedCounts[size_t(j)]));
            noise.push_back(pairNoise(options.seed, i, j, {c, h, w}));
        }
        const at::Tensor index = torch::tensor(imageIndex, torch::kLong).to(images.device());
        const at::Tensor removed = torch::stack(masks);
        at::Tensor imputed = linearImputation(images.index_select(0, index), removed);
        const at::Tensor jitter = torch::stack(noise).to(imputed.options()) * options.noise;
        imputed = imputed + removed.unsqueeze(1).to(imputed.dtype()) * jitter;
        scores.slice(0, begin, end).copy_(chunkedScores(score, imputed, labels.index_select(0, index), end - begin));
        reportMetricProgress(metric, progress, end, total);
    }

    RoadResult result;
    result.percentiles = torch::tensor(options.percentiles, torch::kDouble);
    result.scores = scores.view({n, count});
    result.mean = result.scores.mean(1);
    return result;
}

} // namespace bcos::core
