#pragma once

#include "core/io/tensormap.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace bcos::cli {

/// What recipe.json records about an explanation run, so it can be reproduced.
struct ExplainRecipe {
    nlohmann::json model;            ///< {"model": FILE} or {"arch": ARCH, "weights": FILE}
    std::vector<std::string> inputs; ///< the --input arguments
    std::string method;              ///< explainMethodName()
    nlohmann::json parameters;       ///< method parameters and the target choice
};

/// Writes DIR/image<i>/input.png (the image), map.png (wxx: the RGBA explanation; gradcam/rise: jet colour map;
/// the others: bwr, symmetric around 0) and overlay.png (the map over the image), each at input resolution, and
/// DIR/recipe.json (the recipe, the tool version and the explained classes). `images` [N, 3, H, W] in [0, 1];
/// `tensors` are the explain outputs ("attributions" [N, H, W], "targets" [N], wxx: "rgba" [N, H, W, 4]).
/// Only in builds with OpenCV. Throws Error{Io} naming the file that cannot be written.
void writeExplanationPngs(const std::filesystem::path &directory, const at::Tensor &images,
                          const core::TensorMap &tensors, const ExplainRecipe &recipe);

} // namespace bcos::cli
