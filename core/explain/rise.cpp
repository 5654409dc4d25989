#include "rise.h"

#include "core/error.h"
#include "core/models/network.h"

#include <torch/torch.h>

#include <random>

namespace bcos::core {
namespace {

void validate(const RiseOptions &options)
{
    if (options.numMasks < 1)
        fail(ErrorCode::InvalidArgument, "RiseOptions.numMasks: expected >= 1, got {}", options.numMasks);
    if (options.gridSize < 1)
        fail(ErrorCode::InvalidArgument, "RiseOptions.gridSize: expected >= 1, got {}", options.gridSize);
    if (!(options.keepProbability > 0 && options.keepProbability <= 1))
        fail(ErrorCode::InvalidArgument, "RiseOptions.keepProbability: expected (0, 1], got {}", options.keepProbability);
}

/// Uniform double in [0, 1) from 53 random bits (portable, unlike std::uniform_real_distribution).
double uniform(std::mt19937_64 &engine) { return double(engine() >> 11) * (1.0 / 9007199254740992.0); }

} // namespace

at::Tensor riseMasks(const RiseOptions &options, int64_t height, int64_t width, int64_t first, int64_t count)
{
    validate(options);
    namespace F = torch::nn::functional;
    const int64_t s = options.gridSize;
    const int64_t cellH = (height + s - 1) / s, cellW = (width + s - 1) / s;
    at::Tensor masks = torch::empty({count, height, width});
    for (int64_t m = 0; m < count; ++m) {
        // One engine per mask index: mask k is the same whichever chunk asks for it.
        std::seed_seq seq{uint32_t(options.seed), uint32_t(options.seed >> 32), uint32_t(first + m),
                          uint32_t((first + m) >> 32)};
        std::mt19937_64 engine(seq);
        at::Tensor grid = torch::empty({1, 1, s, s});
        auto cells = grid.accessor<float, 4>();
        for (int64_t i = 0; i < s; ++i)
            for (int64_t j = 0; j < s; ++j)
                cells[0][0][i][j] = uniform(engine) < options.keepProbability ? 1.0f : 0.0f;
        const int64_t dy = int64_t(uniform(engine) * double(cellH)), dx = int64_t(uniform(engine) * double(cellW));
        const at::Tensor up = F::interpolate(grid, F::InterpolateFuncOptions()
                                                       .size(std::vector<int64_t>{(s + 1) * cellH, (s + 1) * cellW})
                                                       .mode(torch::kBilinear)
                                                       .align_corners(false));
        masks[m] = up[0][0].slice(0, dy, dy + height).slice(1, dx, dx + width).clamp(0, 1); // bilinear rounding
    }
    return masks;
}

Explanation explainRise(NetworkImpl &network, const ExplainRequest &request)
{
    const auto &options = request.rise;
    validate(options);
    const auto prepared = detail::prepare(network, request);
    const at::Tensor &images = request.images;
    const int64_t n = images.size(0), h = images.size(2), w = images.size(3), total = options.numMasks;
    at::Tensor saliency = torch::zeros({n, h, w}, images.options());
    for (int64_t begin = 0; begin < total; begin += request.batchSize) {
        const int64_t count = std::min(total, begin + request.batchSize) - begin;
        const at::Tensor masks = riseMasks(options, h, w, begin, count).to(images.options());
        for (int64_t i = 0; i < n; ++i) {
            const at::Tensor masked = images[i].unsqueeze(0) * masks.unsqueeze(1);
            const at::Tensor scores = detail::targetScores(network, network.encode(masked),
                                                           prepared.targets[i].expand({count}), options.useProbabilities);
            saliency[i] += (scores.view({-1, 1, 1}) * masks).sum(0);
        }
        detail::reportProgress(request, begin + count, total);
    }
    Explanation result;
    result.logits = prepared.logits;
    result.targets = prepared.targets;
    result.attributions = saliency / (double(total) * options.keepProbability);
    return result;
}

} // namespace bcos::core
