// bcos localize: CLIP text-prompt localisation with a B-cosified CLIP image encoder, for one or more cosine powers.
// <torch/torch.h> first: core/io/tensormap.h includes <torch/ordered_dict.h>, which needs the c10 macros.
#include <torch/torch.h>

#include "commands.h"

#include "app/cli/args.h"
#include "core/bcosify/bcosifyclip.h"
#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/io/safetensors.h"
#include "core/models/clipimage.h"
#include "core/models/modeldescription.h"
#include "core/models/loadweights.h"
#include "core/shape.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif

#include <fmt/format.h>

namespace bcos::cli {

namespace {

constexpr const char *kUsage =
    "usage: bcos localize --model CLIPMODEL.safetensors --input IMAGE --text-embedding E.safetensors\n"
    "                     --cosine-power P[,P...] --out OUT.safetensors [--smooth S] [--chunk N]\n"
    "Writes cosines [N, L], dynamic_weights_p<P> [N, 6, H, W], contributions_p<P> [N, H, W] and\n"
    "rgba_p<P> [N, H, W, 4] for every power P (as written). IMAGE is a .safetensors file with \"image\"\n"
    "[N, 3, H, W] or [3, H, W] in [0, 1]"
#ifdef BCOS_HAVE_OPENCV
    " or an image file"
#endif
    ".\n(--text needs the CLIP tokenizer, which this build does not have: pass a text embedding.)\n";

/// A CLIP model file: safetensors whose metadata "bcos.model" holds the ModelDescription JSON
/// (architecture family clip_resnet) and whose tensors are the image encoder's state dict (optionally under
/// "model." or "visual."). A B-cos description with standard CLIP weights is converted on load.
core::ClipModifiedResNet loadClipEncoder(const std::string &path)
{
    const auto contents = core::readSafetensors(path);
    const std::string *json = contents.metadata.find("bcos.model");
    if (!json)
        core::fail(core::ErrorCode::Format, "{}: no 'bcos.model' metadata (not a B-cos Studio model file)", path);
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(*json);
    } catch (const nlohmann::json::exception &error) {
        core::fail(core::ErrorCode::Format, "{}: metadata 'bcos.model' is not valid JSON ({})", path, error.what());
    }
    const auto description = core::ModelDescription::fromJson(parsed, path);
    if (!description.bcos.enabled)
        core::fail(core::ErrorCode::InvalidArgument, "{}: text localisation needs a B-cosified CLIP model", path);
    auto encoder = core::buildClipImageEncoder(description.architecture, description.bcos);
    core::TensorMap weights;
    for (const auto &item : contents.tensors) {
        std::string key = item.key();
        for (const char *prefix : {"model.", "visual."})
            if (key.rfind(prefix, 0) == 0)
                key = key.substr(std::string(prefix).size());
        weights.insert(key, item.value());
    }
    if (weights.contains("attnpool.positional_embedding")) // standard CLIP weights: B-cosify now
        weights = core::bcosifyClipWeights(encoder->options(), weights, description.bcos);
    core::loadStateDict(*encoder, weights, path);
    encoder->eval();
    return encoder;
}

at::Tensor loadImages(const std::string &path)
{
    at::Tensor images;
    if (path.size() > 12 && path.substr(path.size() - 12) == ".safetensors") {
        const auto contents = core::readSafetensors(path);
        const at::Tensor *found = contents.tensors.find("image");
        if (!found && contents.tensors.size() == 1)
            found = &contents.tensors[0].value();
        if (!found)
            core::fail(core::ErrorCode::Format, "{}: expected a tensor named 'image'", path);
        images = found->to(at::kFloat);
    } else {
#ifdef BCOS_HAVE_OPENCV
        images = imaging::readImage(path);
#else
        core::fail(core::ErrorCode::Unsupported, "{}: image files need OpenCV (bcos_imaging); pass a .safetensors", path);
#endif
    }
    if (images.dim() == 3)
        images = images.unsqueeze(0);
    if (images.dim() != 4 || images.size(1) != 3)
        core::fail(core::ErrorCode::Format, "{}: images must be [N, 3, H, W] or [3, H, W], got {}", path,
                   core::shapeString(images.sizes()));
    return images;
}

at::Tensor loadTextEmbedding(const std::string &path)
{
    const auto contents = core::readSafetensors(path);
    const at::Tensor *found = contents.tensors.find("text_embedding");
    if (!found && contents.tensors.size() == 1)
        found = &contents.tensors[0].value();
    if (!found)
        core::fail(core::ErrorCode::Format, "{}: expected a tensor named 'text_embedding'", path);
    at::Tensor t = found->to(at::kFloat);
    if (t.dim() == 2 && t.size(0) == 1)
        t = t[0];
    if (t.dim() != 1)
        core::fail(core::ErrorCode::Format, "{}: text embedding must be [D] or [1, D], got {}", path,
                   core::shapeString(t.sizes()));
    return t;
}

/// "0,1,2.5" -> {("0", 0), ("1", 1), ("2.5", 2.5)}: the text is kept for the output names.
std::vector<std::pair<std::string, double>> parsePowers(const std::string &list)
{
    std::vector<std::pair<std::string, double>> powers;
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = std::min(list.find(',', start), list.size());
        const std::string item = list.substr(start, comma - start);
        size_t used = 0;
        double value = -1;
        try {
            value = std::stod(item, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (item.empty() || used != item.size() || !(value >= 0) || std::isinf(value))
            throw UsageError{"--cosine-power expects numbers >= 0 separated by commas, got '" + item + "'"};
        powers.emplace_back(item, value);
        start = comma + 1;
    }
    return powers;
}

} // namespace

int runLocalize(const std::vector<std::string> &arguments)
{
    Args args(arguments, {"model", "input", "text-embedding", "text", "vocab", "cosine-power", "out", "smooth", "chunk"},
              {"help"});
    if (args.has("help")) {
        fmt::print("{}", kUsage);
        return 0;
    }
    if (args.has("text"))
        throw UsageError{"--text needs the CLIP tokenizer, which this build does not include; use --text-embedding"};
    const auto powers = parsePowers(args.required("cosine-power"));
    const int64_t smooth = args.integer("smooth", 0);
    if (smooth < 0)
        throw UsageError{"--smooth must be >= 0"};
    core::ClipLocalizationOptions options;
    options.chunkSize = args.integer("chunk", options.chunkSize);
    if (options.chunkSize < 1)
        throw UsageError{"--chunk must be >= 1"};
    const std::string out = args.required("out");
    auto encoder = loadClipEncoder(args.required("model"));
    const at::Tensor images = loadImages(args.required("input"));
    const at::Tensor text = loadTextEmbedding(args.required("text-embedding"));

    std::vector<at::Tensor> cosines;
    std::vector<std::vector<core::LocalizationMaps>> maps(powers.size());
    for (int64_t i = 0; i < images.size(0); ++i) {
        const at::Tensor image6 = torch::cat({images[i], 1 - images[i]}, 0);
        const auto localization = core::ClipLocalization::compute(*encoder, image6, text, options);
        cosines.push_back(localization.cosines());
        for (size_t k = 0; k < powers.size(); ++k)
            maps[k].push_back(localization.mapsForPower(powers[k].second, smooth));
    }
    core::TensorMap tensors;
    tensors.insert("cosines", torch::stack(cosines));
    const auto stackOf = [](const std::vector<core::LocalizationMaps> &list, at::Tensor core::LocalizationMaps::*field) {
        std::vector<at::Tensor> parts;
        for (const auto &m : list)
            parts.push_back(m.*field);
        return torch::stack(parts);
    };
    for (size_t k = 0; k < powers.size(); ++k) {
        const std::string &p = powers[k].first;
        tensors.insert("dynamic_weights_p" + p, stackOf(maps[k], &core::LocalizationMaps::weights));
        tensors.insert("contributions_p" + p, stackOf(maps[k], &core::LocalizationMaps::contributions));
        tensors.insert("rgba_p" + p, stackOf(maps[k], &core::LocalizationMaps::rgba));
    }
    core::Metadata metadata;
    metadata.set("format", "bcos-localize-v1");
    metadata.set("smooth", std::to_string(smooth));
    metadata.set("cosine_powers", args.required("cosine-power"));
    core::writeSafetensors(out, tensors, metadata);
    fmt::print("localised {} image(s) at {} location(s) for {} power(s) -> {}\n", images.size(0), cosines[0].size(0),
               powers.size(), out);
    return 0;
}

} // namespace bcos::cli
