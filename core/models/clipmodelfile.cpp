#include "clipmodelfile.h"

#include "core/models/bcosifyclip.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/loadweights.h"
#include "core/text/cliptokenizer.h"
#include "core/text/prompttemplates.h"

#include <torch/torch.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bcos::core {
namespace {

constexpr const char *kFormat = "bcos-model-v1";
constexpr const char *kDescriptionKey = "bcos.model";

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

/// Whether `key` belongs to the CLIP text tower; `stripped` gets the tower's own key.
bool textTowerKey(const std::string &key, std::string &stripped)
{
    if (startsWith(key, "text.")) {
        stripped = key.substr(5);
        return true;
    }
    for (const char *prefix : {"token_embedding.", "positional_embedding", "transformer.", "ln_final.", "text_projection"})
        if (startsWith(key, prefix)) {
            stripped = key;
            return true;
        }
    return false;
}

/// OpenAI's full-model scalars that belong to neither tower.
bool clipScalarKey(const std::string &key)
{
    return key == "logit_scale" || key == "input_resolution" || key == "context_length" || key == "vocab_size";
}

/// The text tower's options: architecture "text", else from the shapes as CLIP's build_model.
ClipTextOptions textOptions(const nlohmann::json &arch, const TensorMap &weights)
{
    if (arch.is_object() && arch.contains("text"))
        return ClipTextOptions::fromJson(arch.at("text"));
    ClipTextOptions options;
    options.vocabSize = weights["token_embedding.weight"].size(0);
    options.width = weights["token_embedding.weight"].size(1);
    options.contextLength = weights["positional_embedding"].size(0);
    options.embedDim = weights["text_projection"].size(1);
    options.heads = std::max<int64_t>(1, options.width / 64);
    options.layers = 0;
    while (weights.contains(fmt::format("transformer.resblocks.{}.ln_1.weight", options.layers)))
        ++options.layers;
    return options;
}

} // namespace

ClipTextTransformerImpl &ClipModel::requireText(const std::string &origin) const
{
    if (!hasText())
        fail(ErrorCode::Format,
             "{}: the model file has no CLIP text tower (tensors 'text.token_embedding.weight', "
             "'text.positional_embedding', 'text.text_projection', ...)",
             origin);
    return *text.ptr(); // the holder is const here, the module it shares is not
}

bool isClipFamily(const std::string &family)
{
    return family == "clip_resnet" || family == "clip_modified_resnet";
}

bool isClipModelFile(const std::filesystem::path &path)
{
    try {
        const std::string json = readSafetensors(path).metadata.value(kDescriptionKey); // header only (mapped)
        const auto parsed = nlohmann::json::parse(json, nullptr, false);
        if (!parsed.is_object() || !parsed.contains("architecture") || !parsed["architecture"].is_object())
            return false;
        return isClipFamily(parsed["architecture"].value("family", std::string()));
    } catch (const Error &) {
        return false;
    }
}

nlohmann::json inferClipArchitecture(const TensorMap &weights, const std::string &origin)
{
    const std::string prefix = weights.contains("visual.conv1.weight") ? "visual." : "";
    const auto rows = [&](const std::string &key) {
        const at::Tensor *found = weights.find(prefix + key);
        if (!found || found->dim() < 1)
            fail(ErrorCode::Format, "{}: not CLIP ModifiedResNet weights (no '{}{}')", origin, prefix, key);
        return found->size(0);
    };
    std::vector<int64_t> layers;
    for (int stage = 1; stage <= 4; ++stage) {
        int64_t blocks = 0;
        while (weights.contains(fmt::format("{}layer{}.{}.conv1.weight", prefix, stage, blocks)))
            ++blocks;
        layers.push_back(blocks);
    }
    const int64_t width = rows("layer1.0.conv1.weight");
    const auto grid = static_cast<int64_t>(std::lround(std::sqrt(double(rows("attnpool.positional_embedding") - 1))));
    return ClipResNetOptions{layers, rows("attnpool.c_proj.weight"), width * 32 / 64, grid * 32, width}.toJson();
}

ClipWeights splitClipWeights(const TensorMap &weights)
{
    ClipWeights split;
    for (const auto &item : weights) {
        std::string key = item.key();
        if (clipScalarKey(key))
            continue;
        // OpenAI's .pt archives hold float16 weights: convert before the B-cosification arithmetic.
        const at::Tensor value = item.value().is_floating_point() ? item.value().to(at::kFloat) : item.value();
        if (std::string textKey; textTowerKey(key, textKey)) {
            split.text.insert(textKey, value);
            continue;
        }
        for (const char *prefix : {"model.", "visual."})
            if (startsWith(key, prefix))
                key = key.substr(std::string(prefix).size());
        split.image.insert(key, value);
    }
    return split;
}

ClipModel buildClipModel(const ModelDescription &description, const TensorMap &weights, const std::string &origin)
{
    if (!description.bcos.enabled)
        fail(ErrorCode::InvalidArgument, "{}: text localisation needs a B-cosified CLIP model", origin);
    ClipModel model;
    model.description = description;
    auto [imageWeights, textWeights] = splitClipWeights(weights);
    nlohmann::json imageArch = description.architecture;
    if (imageArch.is_object())
        imageArch.erase("text");
    model.image = buildClipImageEncoder(imageArch, description.bcos);
    if (imageWeights.contains("attnpool.positional_embedding")) { // standard CLIP weights: B-cosify now
        try {
            imageWeights = bcosifyClipWeights(model.image->options(), imageWeights, description.bcos);
        } catch (const Error &error) { // name the file the weights came from
            throw Error(error.code(), origin + ": " + error.what());
        }
        model.convertedOnLoad = true;
    }
    loadStateDict(*model.image, imageWeights, origin);
    model.image->eval();

    if (textWeights.contains("token_embedding.weight") && textWeights.contains("positional_embedding")
        && textWeights.contains("text_projection")) {
        const ClipTextOptions options = textOptions(description.architecture, textWeights);
        model.text = ClipTextTransformer(options);
        loadStateDict(*model.text, textWeights, origin + " (text tower)");
        model.text->eval();
        model.description.architecture["text"] = options.toJson();
    }
    return model;
}

ClipModel loadClipModel(const std::filesystem::path &path)
{
    const std::string origin = path.string();
    const auto contents = readSafetensors(path);
    const std::string *json = contents.metadata.find(kDescriptionKey);
    if (!json)
        fail(ErrorCode::Format, "{}: no 'bcos.model' metadata (not a B-cos Studio model file)", origin);
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(*json);
    } catch (const nlohmann::json::exception &error) {
        fail(ErrorCode::Format, "{}: metadata 'bcos.model' is not valid JSON ({})", origin, error.what());
    }
    const auto description = ModelDescription::fromJson(parsed, origin);
    const std::string family = description.architecture.is_object() ? description.family() : std::string();
    if (!isClipFamily(family))
        fail(ErrorCode::Format, "{}: not a CLIP model (architecture family '{}', expected clip_resnet)", origin, family);
    return buildClipModel(description, contents.tensors, origin);
}

void saveClipModel(const std::filesystem::path &path, const ClipModel &model)
{
    TensorMap tensors;
    for (const auto &item : stateDict(*model.image))
        tensors.insert("model." + item.key(), item.value().contiguous());
    ModelDescription description = model.description;
    if (model.hasText()) {
        for (const auto &item : stateDict(*model.text))
            tensors.insert("text." + item.key(), item.value().contiguous());
        description.architecture["text"] = model.text->options().toJson();
    }
    Metadata metadata;
    metadata.set("format", kFormat);
    metadata.set(kDescriptionKey, description.toJson().dump());
    writeSafetensors(path, tensors, metadata);
}

at::Tensor encodePrompt(ClipTextTransformerImpl &tower, const ClipTokenizer &tokenizer, const std::string &prompt,
                        const std::vector<std::string> &templates)
{
    const std::vector<std::string> texts =
        templates.empty() ? std::vector<std::string>{prompt} : PromptTemplates(templates).fill(prompt);
    torch::NoGradGuard noGrad;
    const auto tokens = tokenizer.tokenize(texts, tower.options().contextLength);
    namespace F = torch::nn::functional;
    const at::Tensor embeddings = F::normalize(tower.forward(tokens.tokens), F::NormalizeFuncOptions().dim(1));
    return F::normalize(embeddings.mean(0), F::NormalizeFuncOptions().dim(0));
}

} // namespace bcos::core
