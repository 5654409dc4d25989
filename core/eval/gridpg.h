#pragma once

#include "core/explain/explainer.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace bcos::core {

/// Result of the grid pointing game (the reference's LocalisationAnalyser, CoDA-Net / B-cos papers).
struct GridPgResult {
    at::Tensor fractions; ///< [S, T, n*n]: share of the positive attribution in each cell (column-major cells)
    at::Tensor scores;    ///< [S, T]: the share of the target's own cell
};

/// The localisation metric on explanations of n x n grid images. attributions [S, T, C, H, W] (or [S, T, H, W]):
/// sample s, explained target t; H and W divisible by gridSize. Steps (golden README "gridpg"): sum over C;
/// if smooth > 0, avg_pool2d(smooth, stride 1, pad (smooth-1)/2, zero padding counted); clamp(min 0);
/// per-cell mean; frac = cell / total where total * cell > 0, else 0. Cell k is grid row k % n, column k / n.
/// targetCells [S, T] int64 (default: t) picks each score's cell. Throws Error{InvalidArgument} naming the bad
/// shape or value.
GridPgResult gridPointingGame(const at::Tensor &attributions, int64_t gridSize, int64_t smooth = 0,
                              const at::Tensor &targetCells = {});

/// Builds one grid image from n*n images [n*n, C, H, W] -> [C, n H, n W]; image k goes to row k % n,
/// column k / n (the reference's column-major make_multi_image).
at::Tensor makeGridImage(const at::Tensor &images, int64_t gridSize);

/// How the images of the grids are chosen.
struct GridSelectionOptions {
    int64_t gridSize = 3;
    double confidenceThreshold = 0.5; ///< sigmoid(max logit) must exceed this (as the reference)
    int64_t maxGrids = 500;           ///< stop after this many grids (the reference's sample_size)
    uint64_t seed = 42;               ///< which classes form a grid (seeded shuffle)
};

/// Chooses grids from classified images: logits [N, K] and labels [N]. Only correctly classified images whose
/// confidence sigmoid(max logit) exceeds the threshold are used; per class they are taken in decreasing
/// confidence. Each grid holds n*n distinct classes drawn (seeded) from the classes that still have a
/// confident image, while more than n*n such classes remain (as the reference's get_sorted_indices).
/// Returns image indices, n*n per grid, in cell order.
std::vector<std::vector<int64_t>> selectGridImages(const at::Tensor &logits, const at::Tensor &labels,
                                                   const GridSelectionOptions &options);

/// Explains a batch: grid images [T, 3, H, W] (one copy per target) and targets [T] -> attributions
/// [T, C, H, W] or [T, H, W].
using GridExplainer = BatchExplainer;

/// Model-based grid pointing game: for each grid in `grids` (indices into images [N, 3, H, W] / labels [N]),
/// builds the grid image, explains every cell's label with `explainer` and scores it with
/// gridPointingGame(). `progress(done, total)` returning false cancels (Error{Cancelled}).
GridPgResult evaluateGridPointingGame(const at::Tensor &images, const at::Tensor &labels,
                                      const std::vector<std::vector<int64_t>> &grids, int64_t gridSize,
                                      const GridExplainer &explainer, int64_t smooth = 0,
                                      const std::function<bool(int64_t, int64_t)> &progress = {});

} // namespace bcos::core
