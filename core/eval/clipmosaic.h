#pragma once

#include "core/eval/gridpg.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bcos::core {

struct ClipModel;
class ClipTokenizer;

/// Images [N, C, h, w] centred in cells of side x side: zero-padded when smaller, resized (bilinear, aspect kept)
/// first when larger. -> [N, C, side, side]. Throws Error{InvalidArgument} for another shape or side < 1.
at::Tensor fitToCells(const at::Tensor &images, int64_t side);

/// Mosaics of n x n images with pairwise different classes, for a model without a classifier head (CLIP): the
/// grid pointing game's seeded selection (selectGridImages) with every image counted as confidently and
/// correctly classified. labels [N] -> at most maxGrids lists of n*n image indices in cell order.
std::vector<std::vector<int64_t>> selectDistinctClassGrids(const at::Tensor &labels, int64_t numClasses,
                                                           const GridSelectionOptions &options);

/// Unit text embeddings [K, D] of promptTemplate (one "{}") filled with each class name, by the model's text
/// tower. Throws Error{Format} when the model has no text tower (naming `origin`), Error{InvalidArgument} for a
/// template without exactly one "{}".
at::Tensor classPromptEmbeddings(const ClipModel &model, const ClipTokenizer &tokenizer,
                                 const std::vector<std::string> &classNames, const std::string &promptTemplate,
                                 const std::string &origin);

/// The studio's CLIP prompt map as a grid explainer: for image [3, H, W] and class k, the contributions
/// sum_c W(x) x [H, W] (ClipLocalization at cosine power `power`) of the prompt embedding textEmbeddings[k]
/// ([K, D]). The passes run where the model's image encoder is; the maps come back on the images' device. The model
/// must stay alive while the explainer is used.
GridExplainer clipPromptExplainer(const ClipModel &model, const at::Tensor &textEmbeddings, double power);

} // namespace bcos::core
