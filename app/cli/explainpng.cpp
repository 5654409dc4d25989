#include "explainpng.h"

#ifdef BCOS_HAVE_OPENCV

#include "core/buildinfo.h"
#include "core/error.h"
#include "core/explain/colormap.h"
#include "core/io/atomicfile.h"
#include "core/imaging/imageio.h"

#include <torch/torch.h>

namespace bcos::cli {

void writeExplanationPngs(const std::filesystem::path &directory, const at::Tensor &images,
                          const core::TensorMap &tensors, const ExplainRecipe &recipe)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        core::fail(core::ErrorCode::Io, "{}: cannot create the directory ({})", directory.string(), error.message());
    const at::Tensor pictures = images.detach().to(torch::kCPU, torch::kFloat).clamp(0, 1);
    at::Tensor maps, alpha; // maps [N, H, W, 3], alpha [N, H, W] (wxx) or undefined (fixed 0.5)
    if (const at::Tensor *rgba = tensors.find("rgba")) {
        maps = rgba->to(torch::kCPU, torch::kFloat).slice(3, 0, 3);
        alpha = rgba->to(torch::kCPU, torch::kFloat).select(3, 3);
    } else {
        const bool positive = recipe.method == "gradcam" || recipe.method == "rise";
        maps = core::colorizeMaps(tensors["attributions"].to(torch::kCPU, torch::kFloat),
                                  positive ? core::Colormap::Jet : core::Colormap::Bwr);
    }
    const at::Tensor overlays =
        alpha.defined() ? core::overlayColors(pictures, maps, alpha) : core::overlayColors(pictures, maps, 0.5);
    for (int64_t i = 0; i < pictures.size(0); ++i) {
        const auto folder = directory / fmt::format("image{}", i);
        std::filesystem::create_directories(folder, error);
        if (error)
            core::fail(core::ErrorCode::Io, "{}: cannot create the directory ({})", folder.string(), error.message());
        imaging::writePng(folder / "input.png", pictures[i]);
        const at::Tensor map = alpha.defined() ? torch::cat({maps[i], alpha[i].unsqueeze(2)}, 2) : maps[i];
        imaging::writePng(folder / "map.png", map.permute({2, 0, 1}).contiguous());
        imaging::writePng(folder / "overlay.png", overlays[i].permute({2, 0, 1}).contiguous());
    }
    const at::Tensor targets = tensors["targets"].to(torch::kCPU);
    nlohmann::json json{{"tool", "bcos explain"},
                        {"version", core::queryBuildInfo().appVersion},
                        {"model", recipe.model},
                        {"inputs", recipe.inputs},
                        {"method", recipe.method},
                        {"parameters", recipe.parameters},
                        {"targets", std::vector<int64_t>(targets.data_ptr<int64_t>(),
                                                         targets.data_ptr<int64_t>() + targets.numel())}};
    core::writeFileAtomically(directory / "recipe.json", [&](std::ostream &out) { out << json.dump(2) << "\n"; });
}

} // namespace bcos::cli

#endif
