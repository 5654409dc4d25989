#include "clipmosaic.h"

#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/models/clipmodelfile.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace bcos::core {

at::Tensor fitToCells(const at::Tensor &images, int64_t side)
{
    if (images.dim() != 4 || side < 1 || images.size(2) < 1 || images.size(3) < 1)
        fail(ErrorCode::InvalidArgument, "mosaic cells: expected images [N, C, h, w] and a cell side >= 1, got {} and {}",
             shapeString(images.sizes()), side);
    namespace F = torch::nn::functional;
    at::Tensor fitted = images;
    const int64_t longer = std::max(images.size(2), images.size(3));
    if (longer > side) {
        const auto scaled = [&](int64_t length) { return std::max<int64_t>(1, length * side / longer); };
        fitted = F::interpolate(images, F::InterpolateFuncOptions()
                                            .size(std::vector<int64_t>{scaled(images.size(2)), scaled(images.size(3))})
                                            .mode(torch::kBilinear)
                                            .align_corners(false));
    }
    const int64_t top = (side - fitted.size(2)) / 2, left = (side - fitted.size(3)) / 2;
    return F::pad(fitted, F::PadFuncOptions({left, side - fitted.size(3) - left, top, side - fitted.size(2) - top}));
}

std::vector<std::vector<int64_t>> selectDistinctClassGrids(const at::Tensor &labels, int64_t numClasses,
                                                           const GridSelectionOptions &options)
{
    if (labels.dim() != 1 || numClasses < 1)
        fail(ErrorCode::InvalidArgument, "mosaic selection: expected labels [N] and a class count >= 1, got {} and {}",
             shapeString(labels.sizes()), numClasses);
    // Logits that make every image "correct" with confidence sigmoid(1) > any threshold below 0.73.
    const at::Tensor logits = torch::one_hot(labels.to(torch::kCPU, torch::kLong), numClasses).to(torch::kFloat);
    GridSelectionOptions selection = options;
    selection.confidenceThreshold = 0.5;
    return selectGridImages(logits, labels, selection);
}

at::Tensor classPromptEmbeddings(const ClipModel &model, const ClipTokenizer &tokenizer,
                                 const std::vector<std::string> &classNames, const std::string &promptTemplate,
                                 const std::string &origin)
{
    ClipTextTransformerImpl &tower = model.requireText(origin);
    std::vector<at::Tensor> embeddings;
    for (const std::string &name : classNames)
        embeddings.push_back(encodePrompt(tower, tokenizer, name, {promptTemplate}));
    return torch::stack(embeddings);
}

GridExplainer clipPromptExplainer(const ClipModel &model, const at::Tensor &textEmbeddings, double power)
{
    ClipModifiedResNet encoder = model.image;
    return [encoder, textEmbeddings, power](const at::Tensor &images, const at::Tensor &targets) mutable {
        std::vector<at::Tensor> maps;
        for (int64_t i = 0; i < images.size(0); ++i) {
            const at::Tensor image6 = torch::cat({images[i], 1 - images[i]}, 0);
            const at::Tensor text = textEmbeddings[targets[i].item<int64_t>()];
            maps.push_back(
                ClipLocalization::compute(*encoder, image6, text).contributionsForPower(power).to(images.device()));
        }
        return torch::stack(maps);
    };
}

} // namespace bcos::core
