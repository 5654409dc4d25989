#include "modelloading.h"

#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/io/weightsfile.h"
#include "core/models/clipmodelfile.h"
#include "core/models/family.h"
#include "core/models/foreignmodel.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace bcos::widgets {
namespace {

constexpr const char *kOurFormat = "bcos-model-v1";

std::string lowerExtension(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

/// The safetensors `__metadata__` "format" ("bcos-model-v1" for our model files, empty for foreign ones);
/// nullopt when the file is not a readable safetensors file (the loader then reports why).
std::optional<std::string> safetensorsFormat(const std::string &path)
{
    try {
        return core::readSafetensors(path).metadata.value("format"); // memory-mapped: reads only the header
    } catch (const core::Error &) {
        return std::nullopt;
    }
}

LoadedModel makeLoaded(core::Network network, std::string path)
{
    LoadedModel loaded;
    loaded.description = network->description();
    loaded.network = network.ptr();
    loaded.path = std::move(path);
    return loaded;
}

LoadedModel makeClipLoaded(core::ClipModel clip, std::string path)
{
    LoadedModel loaded;
    loaded.description = clip.description;
    loaded.clip = std::make_shared<core::ClipModel>(std::move(clip));
    loaded.path = std::move(path);
    return loaded;
}

/// OpenAI's CLIP ResNets (.pt archive or state dict; the shapes give RN50, RN101...): B-cosified on load with the
/// paper's B = 2, the input size from the weights.
LoadedModel loadForeignClip(const ModelLoadRequest &request)
{
    const core::WeightsFile weights = core::loadWeightsFile(request.path);
    core::ModelDescription description;
    description.architecture = core::inferClipArchitecture(weights.tensors, request.path);
    description.bcos.enabled = true;
    description.preprocessing = request.architecture->preprocessing;
    description.preprocessing.inputSize = description.architecture.at("input_resolution").get<int64_t>();
    description.preprocessing.resizeSize = description.preprocessing.inputSize; // CLIP: resize, centre crop
    description.provenance = {{"weights", request.path}, {"arch", "clip_rn50"}, {"bcosified_on_load", true}};
    return makeClipLoaded(core::buildClipModel(description, weights.tensors, request.path), request.path);
}

} // namespace

bool needsArchitecture(const std::string &path)
{
    const std::string ext = lowerExtension(path);
    if (ext == ".safetensors") {
        const auto format = safetensorsFormat(path);
        return format && *format != kOurFormat && !core::isClipModelFile(path);
    }
    return (ext == ".pth" || ext == ".pt" || ext == ".ckpt") && !core::isRecognizedModelFile(path);
}

bool isModelFile(const std::string &path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".pth" || ext == ".pt" || ext == ".ckpt" || ext == ".safetensors";
}

LoadedModel loadModelWithCore(const ModelLoadRequest &request)
{
    if (!request.architecture) {
        if (lowerExtension(request.path) == ".safetensors" && core::isClipModelFile(request.path))
            return makeClipLoaded(core::loadClipModel(request.path), request.path);
        if (needsArchitecture(request.path)) // B-cos-v2 zoo files and B-cosification releases open as they are
            core::fail(core::ErrorCode::InvalidArgument,
                       "{}: foreign weights need an architecture (preset, classes, preprocessing)", request.path);
        return makeLoaded(core::loadModel(request.path), request.path);
    }
    const ArchitectureSpec &spec = *request.architecture;
    if (spec.preset == "clip_rn50")
        return loadForeignClip(request);
    core::ModelDescription description;
    const core::WeightsFile weights = core::loadWeightsFile(request.path);
    // The weights' head decides the class count: any other count could not load.
    description.architecture =
        core::resolveArchitecture(spec.preset, core::inferNumClasses(weights.tensors).value_or(spec.numClasses));
    description.preprocessing = spec.preprocessing;
    description.classNames = spec.classNames;
    description.provenance = {{"weights", request.path}, {"arch", spec.preset}};
    return makeLoaded(core::loadStandardNetwork(description, weights.tensors, request.path), request.path);
}

LoadedModel bcosifyLoadedModel(const LoadedModel &standard, double b)
{
    if (!standard.network)
        core::fail(core::ErrorCode::InvalidArgument, "{}: only classifiers can be B-cosified here", standard.path);
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
