// bcos localize: CLIP text-prompt localisation with a B-cosified CLIP image encoder, for one or more cosine powers.
// <torch/torch.h> first: core/io/tensormap.h includes <torch/ordered_dict.h>, which needs the c10 macros.
#include <torch/torch.h>

#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/progressline.h"
#include "core/device.h"
#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/io/safetensors.h"
#include "core/models/clipmodelfile.h"
#include "core/shape.h"
#include "core/text/cliptokenizer.h"
#include "core/text/prompttemplates.h"
#include "core/workflows/modelloader.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif

#include <fmt/format.h>

namespace bcos::cli {

namespace {

constexpr const char *kUsage =
    "usage: bcos localize --model CLIPMODEL.safetensors --input IMAGE\n"
    "                     (--text-embedding E.safetensors | --text PROMPT --vocab BPE.txt.gz [--templates none|imagenet])\n"
    "                     --cosine-power P[,P...] --out OUT.safetensors [--smooth S] [--chunk N]\n"
    "                     [--device cpu|cuda|cuda:N|auto]\n"
    "Writes text_embedding [D] (unit length), cosines [N, L], dynamic_weights_p<P> [N, 6, H, W],\n"
    "contributions_p<P> [N, H, W] and rgba_p<P> [N, H, W, 4] for every power P (as written). IMAGE is a\n"
    ".safetensors file with \"image\" [N, 3, H, W] or [3, H, W] in [0, 1]"
#ifdef BCOS_HAVE_OPENCV
    " or an image file"
#endif
    ".\n--text encodes PROMPT with the model file's CLIP text tower (tensors \"text.*\" or OpenAI's top-level\n"
    "token_embedding/transformer/ln_final/text_projection; architecture field \"text\" or inferred from the shapes)\n"
    "and CLIP's BPE merges (bpe_simple_vocab_16e6.txt.gz). --templates imagenet averages the normalised embeddings\n"
    "of CLIP's 80 ImageNet templates filled with PROMPT (default none: PROMPT as given). The per-location maps\n"
    "come, on the CPU, from one forward pass and a backward pass per location; on a GPU, and with --chunk N, from\n"
    "batched passes over copies of the image, N locations each (default: as many as half the free memory holds,\n"
    "measured on the first location, at most 64). --device: where the image encoder's passes run (default cpu;\n"
    "auto: cuda:0 when there is a GPU); the text tower and the output maps stay on the CPU. Progress goes to\n"
    "stderr, pass by pass; Ctrl-C or SIGTERM stops at the next pass (exit status 130) and writes nothing.\n";

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

/// The templates of --templates: none (the prompt as given) or CLIP's 80 ImageNet templates.
std::vector<std::string> templatesFor(const std::string &name)
{
    if (name == "imagenet")
        return core::imagenetPromptTemplates();
    if (name != "none")
        throw UsageError{"--templates expects none or imagenet, got '" + name + "'"};
    return {};
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
    Args args(arguments,
              {"model", "input", "text-embedding", "text", "vocab", "templates", "cosine-power", "out", "smooth", "chunk",
               "device"},
              {"help"});
    if (args.has("help")) {
        fmt::print("{}", kUsage);
        return 0;
    }
    args.rejectPositionals();
    if (args.has("text") == args.has("text-embedding"))
        throw UsageError{"give either --text PROMPT (with --vocab) or --text-embedding FILE"};
    for (const char *name : {"text", "text-embedding"}) // the last one would win, silently dropping a prompt
        if (const auto given = args.values(name); given.size() > 1)
            throw UsageError{fmt::format("--{} given {} times: bcos localize maps one prompt per run (run it once per "
                                         "prompt; the studio's Text prompts dock holds several)",
                                         name, given.size())};
    if (args.has("text") && !args.has("vocab"))
        throw UsageError{"--text needs --vocab (CLIP's BPE merges, bpe_simple_vocab_16e6.txt.gz)"};
    const auto powers = parsePowers(args.required("cosine-power"));
    const int64_t smooth = smoothOption(args, 0);
    core::ClipLocalizationOptions options;
    if (args.has("chunk"))
        options.chunkSize = args.integerAtLeast("chunk", 1, 1);
    const std::string out = args.required("out");
    const c10::Device device = core::resolveDevice(args.device("cpu"));
    const std::string modelPath = args.required("model");
    core::ModelFileRequest request;
    request.path = modelPath;
    request.requireClip = true;
    const std::shared_ptr<core::ClipModel> loaded = core::loadModelFile(request).clip; // keeps the model alive
    core::ClipModel &model = *loaded;
    model.image->to(device);
    const at::Tensor images = loadImages(args.required("input"));
    at::Tensor text;
    if (args.has("text")) {
        core::ClipTextTransformerImpl *tower = nullptr;
        try {
            tower = &model.requireText(modelPath);
        } catch (const core::Error &error) { // the core's message plus what to do instead on the command line
            throw core::Error(error.code(), std::string(error.what()) + "; use --text-embedding instead of --text");
        }
        const auto templates = templatesFor(args.valueOr("templates", "none"));
        const core::ClipTokenizer tokenizer(args.required("vocab"));
        text = core::encodePrompt(*tower, tokenizer, args.required("text"), templates);
    } else {
        text = loadTextEmbedding(args.required("text-embedding"));
    }

    std::vector<at::Tensor> cosines;
    std::vector<std::vector<core::LocalizationMaps>> maps(powers.size());
    {
        ProgressLine line("images"); // an image of a CLIP RN50 at 224 px takes seconds on a CPU
        const int64_t n = images.size(0);
        for (int64_t i = 0; i < n; ++i) {
            options.progress = [&line, i, n](int64_t done, int64_t locations) {
                const double share = (double(i) + double(done) / double(locations)) / double(n);
                return line.report(done < locations ? i : i + 1, n, share);
            };
            const at::Tensor image6 = torch::cat({images[i], 1 - images[i]}, 0);
            const auto localization =
                core::ClipLocalization::compute(*model.image, image6, text, options).to(torch::kCPU);
            cosines.push_back(localization.cosines());
            for (size_t k = 0; k < powers.size(); ++k)
                maps[k].push_back(localization.mapsForPower(powers[k].second, smooth));
        }
    }
    core::TensorMap tensors;
    tensors.insert("text_embedding", torch::nn::functional::normalize(
                                         text, torch::nn::functional::NormalizeFuncOptions().dim(0)));
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
    if (args.has("text")) {
        metadata.set("text", args.required("text"));
        metadata.set("templates", args.valueOr("templates", "none"));
    }
    core::writeSafetensors(out, tensors, metadata);
    fmt::print("localised {} image(s) at {} location(s) for {} power(s) -> {}\n", images.size(0), cosines[0].size(0),
               powers.size(), out);
    return 0;
}

} // namespace bcos::cli
