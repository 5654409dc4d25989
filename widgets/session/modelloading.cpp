#include "modelloading.h"

#include "core/bcosify/bcosify.h"
#include "core/device.h"
#include "core/error.h"
#include "core/models/clipmodelfile.h"
#include "core/models/loadweights.h"
#include "core/models/moduledevice.h"
#include "core/workflows/modelloader.h"

#include <fmt/format.h>

namespace bcos::widgets {
namespace {

LoadedModel makeLoaded(core::Network network, std::string path)
{
    LoadedModel loaded;
    loaded.description = network->description();
    loaded.network = network.ptr();
    loaded.path = std::move(path);
    return loaded;
}

} // namespace

bool needsArchitecture(const std::string &path) { return core::needsArchitecture(path); }

bool isModelFile(const std::string &path) { return core::hasModelFileExtension(path); }

LoadedModel loadModelWithCore(const ModelLoadRequest &request)
{
    core::ModelFileRequest coreRequest;
    coreRequest.path = request.path;
    if (request.architecture) {
        const ArchitectureSpec &spec = *request.architecture;
        coreRequest.architecture = core::ForeignArchitecture{spec.preset, spec.numClasses, spec.preprocessing,
                                                             spec.classNames};
    } else if (!core::hasModelFileExtension(request.path) || core::needsArchitecture(request.path)) {
        core::fail(core::ErrorCode::InvalidArgument,
                   "{}: foreign weights need an architecture (preset, classes, preprocessing)", request.path);
    }
    core::LoadedModelFile file = core::loadModelFile(coreRequest);
    LoadedModel loaded;
    if (!file.network.is_empty()) {
        loaded = makeLoaded(file.network, request.path);
    } else {
        loaded.description = std::move(file.description);
        loaded.clip = std::move(file.clip);
        loaded.path = request.path;
    }
    loaded.notice = std::move(file.notice);
    if (request.device != "cpu") // "cuda:k": explanations, predictions and CLIP prompt maps' passes run there
        moveLoadedModel(loaded, request.device);
    return loaded;
}

void moveLoadedModel(LoadedModel &model, const std::string &device)
{
    const c10::Device target = core::resolveDevice(device);
    if (model.network)
        model.network->to(target);
    if (model.clip) // CLIP prompt maps come back to the CPU after their passes
        model.clip->image->to(target);
}

LoadedModel bcosifyLoadedModel(const LoadedModel &standard, const core::BcosSettings &bcosSettings)
{
    if (!standard.network)
        core::fail(core::ErrorCode::InvalidArgument, "{}: only classifiers can be B-cosified here", standard.path);
    core::BcosSettings settings = bcosSettings;
    settings.enabled = true;
    std::lock_guard lock(*standard.mutex);
    const core::TensorMap weights = core::stateDict(standard.network->model());
    core::Network network = core::bcosify(standard.description, weights, settings, standard.path);
    network->description().provenance["bcosified_from"] = standard.path;
    network->to(core::moduleDevice(*standard.network)); // the conversion runs where the original does
    // The label names every option that differs from the paper's, so conversions with other options are
    // other models (the result cache keys on the path).
    std::string options = fmt::format("B={}", settings.b);
    if (settings.keepBiases)
        options += ", biases kept";
    if (settings.meanFree)
        options += ", mean-free";
    if (settings.maxOut > 1)
        options += fmt::format(", max-out {}", settings.maxOut);
    if (settings.keepMaxPool)
        options += ", max-pool kept";
    return makeLoaded(network, fmt::format("{} (B-cosified, {})", standard.path, options));
}

} // namespace bcos::widgets
