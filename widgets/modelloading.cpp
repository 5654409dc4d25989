#include "modelloading.h"

#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace bcos::widgets {
namespace {

constexpr const char *kOurFormat = "bcos-model-v1";
constexpr const char *kTrainerFormat = "bcos-trainer-output"; // our name for files without a "format"
constexpr const char *kTrainerDescriptionKey = "bcos.description";

std::string lowerExtension(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

/// The safetensors header's "__metadata__"."format" ("bcos-model-v1" for our files); nullopt when the file
/// is not a readable safetensors file (the loader then reports why).
std::optional<std::string> safetensorsFormat(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char size[8] = {};
    if (!in.read(reinterpret_cast<char *>(size), 8))
        return std::nullopt;
    uint64_t length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | size[i];
    if (length < 2 || length > (uint64_t(100) << 20))
        return std::nullopt;
    std::string header(length, '\0');
    if (!in.read(header.data(), static_cast<std::streamsize>(length)))
        return std::nullopt;
    const nlohmann::json json = nlohmann::json::parse(header, nullptr, false);
    if (!json.is_object())
        return std::nullopt;
    const auto metadata = json.find("__metadata__");
    if (metadata == json.end() || !metadata->is_object())
        return std::string();
    if (!metadata->contains("format") && metadata->contains(kTrainerDescriptionKey))
        return std::string(kTrainerFormat);
    return metadata->value("format", std::string());
}

/// core::Trainer's final model.safetensors: the Network's state dict + "bcos.description".
core::Network loadTrainerModel(const std::string &path)
{
    const core::WeightsFile weights = core::loadWeightsFile(path);
    const std::string *text = weights.metadata.find(kTrainerDescriptionKey);
    if (!text)
        core::fail(core::ErrorCode::Format, "{}: metadata '{}' is missing", path, kTrainerDescriptionKey);
    const nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_discarded())
        core::fail(core::ErrorCode::Format, "{}: metadata '{}' is not valid JSON", path, kTrainerDescriptionKey);
    core::Network network = core::buildNetwork(core::ModelDescription::fromJson(json, path));
    core::loadStateDict(*network, weights.tensors, path);
    network->eval();
    return network;
}

LoadedModel makeLoaded(core::Network network, std::string path)
{
    LoadedModel loaded;
    loaded.description = network->description();
    loaded.network = network.ptr();
    loaded.path = std::move(path);
    return loaded;
}

} // namespace

bool needsArchitecture(const std::string &path)
{
    const std::string ext = lowerExtension(path);
    if (ext == ".safetensors") {
        const auto format = safetensorsFormat(path);
        return format && *format != kOurFormat && *format != kTrainerFormat;
    }
    return ext == ".pth" || ext == ".pt" || ext == ".ckpt";
}

bool isModelFile(const std::string &path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".pth" || ext == ".pt" || ext == ".ckpt" || ext == ".safetensors";
}

LoadedModel loadModelWithCore(const ModelLoadRequest &request)
{
    if (!request.architecture) {
        if (lowerExtension(request.path) != ".safetensors" || needsArchitecture(request.path))
            core::fail(core::ErrorCode::InvalidArgument,
                       "{}: foreign weights need an architecture (preset, classes, preprocessing)", request.path);
        if (safetensorsFormat(request.path) == std::optional<std::string>(kTrainerFormat))
            return makeLoaded(loadTrainerModel(request.path), request.path);
        return makeLoaded(core::loadModel(request.path), request.path);
    }
    const ArchitectureSpec &spec = *request.architecture;
    core::ModelDescription description;
    description.architecture = core::resolveArchitecture(spec.preset, spec.numClasses);
    description.preprocessing = spec.preprocessing;
    description.classNames = spec.classNames;
    description.provenance = {{"weights", request.path}, {"arch", spec.preset}};
    const core::WeightsFile weights = core::loadWeightsFile(request.path);
    return makeLoaded(core::loadStandardNetwork(description, weights.tensors, request.path), request.path);
}

LoadedModel bcosifyLoadedModel(const LoadedModel &standard, double b)
{
    core::BcosSettings settings;
    settings.enabled = true;
    settings.b = b;
    std::lock_guard lock(*standard.mutex);
    const core::TensorMap weights = core::stateDict(standard.network->model());
    core::Network network = core::bcosify(standard.description, weights, settings, standard.path);
    network->description().provenance["bcosified_from"] = standard.path;
    return makeLoaded(network, fmt::format("{} (B-cosified, B={})", standard.path, b));
}

} // namespace bcos::widgets
