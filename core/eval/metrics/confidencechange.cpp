#include "confidencechange.h"

#include "core/error.h"

#include <torch/torch.h>

namespace bcos::core {

ConfidenceChange confidenceChange(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets,
                                  const at::Tensor &maps, int64_t batchSize, const MetricProgress &progress)
{
    constexpr std::string_view metric = "average drop";
    const at::Tensor values = checkedMaps(metric, maps);
    checkImagesAndTargets(metric, images, targets, values);
    checkBatchSize(metric, batchSize);
    const at::Tensor peak = values.flatten(1).amax(1);
    const at::Tensor blank = peak.le(0).nonzero();
    if (blank.size(0) > 0)
        fail(ErrorCode::InvalidArgument, "{}: attribution map {} has no positive value (its explanation map would be black)",
             metric, blank[0][0].item<int64_t>());

    const int64_t n = images.size(0);
    const at::Tensor labels = targets.to(images.device(), torch::kLong);
    ConfidenceChange change;
    change.full = chunkedScores(score, images, labels, batchSize);
    reportMetricProgress(metric, progress, n, 2 * n);
    const at::Tensor notPositive = change.full.le(0).nonzero();
    if (notPositive.size(0) > 0) {
        const int64_t i = notPositive[0][0].item<int64_t>();
        fail(ErrorCode::InvalidArgument, "{}: the score of image {} is {} (the relative drop needs positive scores: use probabilities)",
             metric, i, change.full[i].item<double>());
    }
    // E = x * a+ / max(a+): Grad-CAM++'s point-wise product of the image and the normalised map.
    const at::Tensor weights = (values.clamp_min(0.0) / peak.view({-1, 1, 1})).unsqueeze(1).to(images.options());
    change.masked = chunkedScores(score, images * weights, labels, batchSize);
    reportMetricProgress(metric, progress, 2 * n, 2 * n);
    change.drop = (change.full - change.masked).clamp_min(0.0) / change.full;
    change.increase = change.masked.gt(change.full).to(torch::kDouble);
    return change;
}

} // namespace bcos::core
