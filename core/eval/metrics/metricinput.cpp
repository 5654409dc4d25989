#include "metricinput.h"

#include "core/error.h"
#include "core/models/network.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// The index of the first map [N, ...] for which `perMap` [N] bool is true, or -1.
int64_t firstMapWhere(const at::Tensor &perMap)
{
    const at::Tensor hits = perMap.nonzero();
    return hits.size(0) == 0 ? -1 : hits[0][0].item<int64_t>();
}

} // namespace

ScoreFunction networkScores(NetworkImpl &network, ScoreKind kind)
{
    return [&network, kind](const at::Tensor &images, const at::Tensor &targets) {
        torch::NoGradGuard noGrad;
        network.eval();
        at::Tensor logits = network.forward(network.encode(images));
        if (kind == ScoreKind::Probability)
            logits = logits.softmax(1);
        return logits.gather(1, targets.view({-1, 1})).view({-1});
    };
}

at::Tensor checkedMaps(std::string_view metric, const at::Tensor &maps)
{
    if (!maps.defined() || maps.dim() != 3 || !maps.is_floating_point())
        fail(ErrorCode::InvalidArgument, "{}: expected attribution maps [N, H, W] floating point, got {}", metric,
             maps.defined() ? shapeString(maps.sizes()) + " " + std::string(c10::toString(maps.scalar_type()))
                            : std::string("no tensor"));
    if (maps.size(0) == 0 || maps.size(1) == 0 || maps.size(2) == 0)
        fail(ErrorCode::InvalidArgument, "{}: the attribution maps {} are empty", metric, shapeString(maps.sizes()));
    const at::Tensor values = maps.detach().to(torch::kDouble).contiguous();
    if (const int64_t i = firstMapWhere(values.isnan().flatten(1).any(1)); i >= 0)
        fail(ErrorCode::Numerical, "{}: attribution map {} contains NaN", metric, i);
    if (const int64_t i = firstMapWhere(values.isinf().flatten(1).any(1)); i >= 0)
        fail(ErrorCode::Numerical, "{}: attribution map {} contains an infinite value", metric, i);
    return values;
}

void requireNonZeroMaps(std::string_view metric, const at::Tensor &maps, std::string_view why)
{
    if (const int64_t i = firstMapWhere(maps.eq(0).flatten(1).all(1)); i >= 0)
        fail(ErrorCode::InvalidArgument, "{}: attribution map {} is all zero ({})", metric, i, why);
}

void checkImagesAndTargets(std::string_view metric, const at::Tensor &images, const at::Tensor &targets,
                           const at::Tensor &maps)
{
    const int64_t n = maps.size(0), h = maps.size(1), w = maps.size(2);
    if (!images.defined() || images.dim() != 4 || images.size(0) != n || images.size(1) != 3 || images.size(2) != h
        || images.size(3) != w || !images.is_floating_point())
        fail(ErrorCode::InvalidArgument, "{}: expected images [{}, 3, {}, {}] floating point for maps {}, got {}",
             metric, n, h, w, shapeString(maps.sizes()),
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"));
    if (!targets.defined() || targets.dim() != 1 || targets.size(0) != n || targets.is_floating_point())
        fail(ErrorCode::InvalidArgument, "{}: expected targets [{}] integer classes, got {}", metric, n,
             targets.defined() ? shapeString(targets.sizes()) : std::string("no tensor"));
}

void checkBatchSize(std::string_view metric, int64_t batchSize)
{
    if (batchSize < 1)
        fail(ErrorCode::InvalidArgument, "{}: batch size must be >= 1, got {}", metric, batchSize);
}

void reportMetricProgress(std::string_view metric, const MetricProgress &progress, int64_t done, int64_t total)
{
    if (progress && !progress(done, total))
        fail(ErrorCode::Cancelled, "{} cancelled after {} of {} steps", metric, done, total);
}

at::Tensor chunkedScores(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets,
                         int64_t batchSize)
{
    std::vector<at::Tensor> parts;
    for (int64_t begin = 0; begin < images.size(0); begin += batchSize) {
        const int64_t end = std::min(images.size(0), begin + batchSize);
        const at::Tensor scores = score(images.slice(0, begin, end), targets.slice(0, begin, end));
        if (!scores.defined() || scores.numel() != end - begin)
            fail(ErrorCode::InvalidArgument, "the score function returned {} for {} images (expected [{}])",
                 scores.defined() ? shapeString(scores.sizes()) : std::string("no tensor"), end - begin, end - begin);
        parts.push_back(scores.detach().to(torch::kDouble).reshape({-1}));
    }
    return torch::cat(parts);
}

} // namespace bcos::core
