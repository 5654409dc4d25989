#include "gridpg.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <random>

namespace bcos::core {

GridPgResult gridPointingGame(const at::Tensor &attributions, int64_t gridSize, int64_t smooth,
                              const at::Tensor &targetCells)
{
    if (gridSize < 1)
        fail(ErrorCode::InvalidArgument, "grid pointing game: grid size must be >= 1, got {}", gridSize);
    if (!attributions.defined() || (attributions.dim() != 5 && attributions.dim() != 4))
        fail(ErrorCode::InvalidArgument, "grid pointing game: expected attributions [S, T, C, H, W] or [S, T, H, W], got {}",
             attributions.defined() ? shapeString(attributions.sizes()) : std::string("no tensor"));
    if (!attributions.is_floating_point())
        fail(ErrorCode::InvalidArgument, "grid pointing game: attributions must be floating point");
    if (smooth < 0 || (smooth > 0 && smooth % 2 == 0))
        fail(ErrorCode::InvalidArgument, "grid pointing game: smoothing kernel must be 0 or odd, got {}", smooth);
    const int64_t s = attributions.size(0), t = attributions.size(1);
    const int64_t h = attributions.size(-2), w = attributions.size(-1), cells = gridSize * gridSize;
    if (h % gridSize != 0 || w % gridSize != 0 || h == 0 || w == 0)
        fail(ErrorCode::InvalidArgument, "grid pointing game: H x W = {} x {} is not divisible into a {}x{} grid", h, w,
             gridSize, gridSize);
    at::Tensor cellsOf;
    if (targetCells.defined()) {
        if (targetCells.dim() != 2 || targetCells.size(0) != s || targetCells.size(1) != t || targetCells.is_floating_point())
            fail(ErrorCode::InvalidArgument, "grid pointing game: expected target cells [{}, {}] integer, got {}", s, t,
                 shapeString(targetCells.sizes()));
        if (targetCells.numel() > 0 && (targetCells.min().item<int64_t>() < 0 || targetCells.max().item<int64_t>() >= cells))
            fail(ErrorCode::InvalidArgument, "grid pointing game: target cells must lie in [0, {})", cells);
        cellsOf = targetCells.to(attributions.device(), torch::kLong);
    } else {
        cellsOf = torch::arange(t, torch::TensorOptions().dtype(torch::kLong).device(attributions.device()))
                      .remainder(cells).unsqueeze(0).expand({s, t});
    }

    namespace F = torch::nn::functional;
    at::Tensor maps = attributions.dim() == 5 ? attributions.sum(2) : attributions;
    maps = maps.reshape({s * t, 1, h, w});
    if (smooth > 0)
        maps = F::avg_pool2d(maps, F::AvgPool2dFuncOptions(smooth).stride(1).padding((smooth - 1) / 2));
    maps = maps.clamp_min(0);
    const int64_t ch = h / gridSize, cw = w / gridSize;
    // [S*T, 1, rows, cols] -> column-major: cell index = col * n + row.
    const at::Tensor cellMass = F::avg_pool2d(maps, F::AvgPool2dFuncOptions({ch, cw}).stride({ch, cw}))
                                    .permute({0, 1, 3, 2})
                                    .reshape({s * t, cells});
    const at::Tensor total = cellMass.sum(1, true);
    const at::Tensor fractions = torch::where(total * cellMass > 0, cellMass / total, torch::zeros_like(cellMass));
    GridPgResult result;
    result.fractions = fractions.reshape({s, t, cells});
    result.scores = result.fractions.gather(2, cellsOf.unsqueeze(2)).squeeze(2);
    return result;
}

at::Tensor makeGridImage(const at::Tensor &images, int64_t gridSize)
{
    if (images.dim() != 4 || gridSize < 1 || images.size(0) != gridSize * gridSize)
        fail(ErrorCode::InvalidArgument, "grid image: expected {} images [n*n, C, H, W], got {}", gridSize * gridSize,
             shapeString(images.sizes()));
    const int64_t c = images.size(1), h = images.size(2), w = images.size(3);
    // view (col, row, C, H, W) -> (C, row, H, col, W)
    return images.view({gridSize, gridSize, c, h, w}).permute({2, 1, 3, 0, 4}).reshape({c, gridSize * h, gridSize * w});
}

std::vector<std::vector<int64_t>> selectGridImages(const at::Tensor &logits, const at::Tensor &labels,
                                                   const GridSelectionOptions &options)
{
    if (logits.dim() != 2 || labels.dim() != 1 || labels.size(0) != logits.size(0))
        fail(ErrorCode::InvalidArgument, "grid selection: expected logits [N, K] and labels [N], got {} and {}",
             shapeString(logits.sizes()), shapeString(labels.sizes()));
    const int64_t perGrid = options.gridSize * options.gridSize;
    const auto [maxLogit, predicted] = logits.detach().to(torch::kCPU, torch::kDouble).max(1);
    const at::Tensor confidence = maxLogit.sigmoid().contiguous();
    const at::Tensor truth = labels.to(torch::kCPU, torch::kLong).contiguous();
    const at::Tensor guess = predicted.contiguous();

    // Per class: confident, correct images by decreasing confidence.
    std::map<int64_t, std::vector<std::pair<double, int64_t>>> perClass;
    for (int64_t i = 0; i < truth.size(0); ++i) {
        const double conf = confidence[i].item<double>();
        if (guess[i].item<int64_t>() == truth[i].item<int64_t>() && conf > options.confidenceThreshold)
            perClass[truth[i].item<int64_t>()].push_back({conf, i});
    }
    std::map<int64_t, size_t> next;
    std::vector<int64_t> available;
    for (auto &[label, list] : perClass) {
        std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        available.push_back(label);
        next[label] = 0;
    }
    std::mt19937_64 engine(options.seed);
    std::vector<std::vector<int64_t>> grids;
    while (int64_t(available.size()) > perGrid && int64_t(grids.size()) < options.maxGrids) {
        std::shuffle(available.begin(), available.end(), engine);
        std::vector<int64_t> grid;
        for (int64_t k = 0; k < perGrid; ++k) {
            const int64_t label = available[size_t(k)];
            grid.push_back(perClass[label][next[label]++].second);
        }
        grids.push_back(grid);
        available.erase(std::remove_if(available.begin(), available.end(),
                                       [&](int64_t label) { return next[label] >= perClass[label].size(); }),
                        available.end());
        std::sort(available.begin(), available.end());
    }
    return grids;
}

GridPgResult evaluateGridPointingGame(const at::Tensor &images, const at::Tensor &labels,
                                      const std::vector<std::vector<int64_t>> &grids, int64_t gridSize,
                                      const GridExplainer &explainer, int64_t smooth,
                                      const std::function<bool(int64_t, int64_t)> &progress)
{
    if (images.dim() != 4 || labels.dim() != 1 || labels.size(0) != images.size(0))
        fail(ErrorCode::InvalidArgument, "grid pointing game: expected images [N, 3, H, W] and labels [N], got {} and {}",
             shapeString(images.sizes()), shapeString(labels.sizes()));
    if (grids.empty())
        fail(ErrorCode::InvalidArgument, "grid pointing game: no grids to evaluate (too few confident classes?)");
    const int64_t perGrid = gridSize * gridSize;
    std::vector<at::Tensor> all;
    for (size_t g = 0; g < grids.size(); ++g) {
        if (int64_t(grids[g].size()) != perGrid)
            fail(ErrorCode::InvalidArgument, "grid pointing game: grid {} has {} images, expected {}", g, grids[g].size(),
                 perGrid);
        const at::Tensor index = torch::tensor(grids[g], torch::kLong).to(images.device());
        const at::Tensor grid = makeGridImage(images.index_select(0, index), gridSize);
        const at::Tensor targets = labels.to(images.device(), torch::kLong).index_select(0, index);
        at::Tensor maps = explainer(grid.unsqueeze(0).expand({perGrid, -1, -1, -1}).contiguous(), targets).detach();
        all.push_back(maps.dim() == 3 ? maps.unsqueeze(1) : maps);
        if (progress && !progress(int64_t(g) + 1, int64_t(grids.size())))
            fail(ErrorCode::Cancelled, "grid pointing game cancelled after {} of {} grids", g + 1, grids.size());
    }
    return gridPointingGame(torch::stack(all), gridSize, smooth);
}

} // namespace bcos::core
