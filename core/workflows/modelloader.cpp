#include "modelloader.h"

#include "core/bcosify/bcosify.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/io/weightsfile.h"
#include "core/models/clipmodelfile.h"
#include "core/models/family.h"
#include "core/models/foreignmodel.h"
#include "core/models/modelfile.h"

#include <algorithm>
#include <cctype>

namespace bcos::core {
namespace {

constexpr const char *kOurFormat = "bcos-model-v1";
constexpr const char *kForeignClip = "clip_rn50";

std::string lowerExtension(const std::filesystem::path &path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

/// The safetensors `__metadata__` "format" ("bcos-model-v1" for our model files, empty for foreign ones);
/// nullopt when the file is not a readable safetensors file (the loader then reports why).
std::optional<std::string> safetensorsFormat(const std::filesystem::path &path)
{
    try {
        return readSafetensors(path).metadata.value("format"); // memory-mapped: reads only the header
    } catch (const Error &) {
        return std::nullopt;
    }
}

LoadedModelFile classifier(Network network)
{
    LoadedModelFile loaded;
    loaded.description = network->description();
    loaded.network = std::move(network);
    return loaded;
}

LoadedModelFile clipModel(ClipModel clip)
{
    LoadedModelFile loaded;
    loaded.description = clip.description;
    loaded.clip = std::make_shared<ClipModel>(std::move(clip));
    return loaded;
}

/// OpenAI's CLIP ResNets: B-cosified on load with the paper's B = 2 (not fine-tuned); CLIP's preprocessing is
/// a resize to the encoder's input resolution and a centre crop of the same side.
LoadedModelFile loadForeignClip(const std::filesystem::path &path, const ForeignArchitecture &architecture)
{
    const std::string origin = path.string();
    const WeightsFile weights = loadWeightsFile(path);
    ModelDescription description;
    description.architecture = inferClipArchitecture(weights.tensors, origin);
    description.bcos.enabled = true;
    description.preprocessing = architecture.preprocessing;
    description.preprocessing.inputSize = description.architecture.at("input_resolution").get<int64_t>();
    description.preprocessing.resizeSize = description.preprocessing.inputSize;
    description.provenance = {{"weights", origin}, {"arch", kForeignClip}, {"bcosified_on_load", true}};
    return clipModel(buildClipModel(description, weights.tensors, origin));
}

LoadedModelFile loadForeignClassifier(const std::filesystem::path &path, const ForeignArchitecture &architecture)
{
    const TensorMap weights = readForeignWeights(path);
    std::string notice;
    ModelDescription description;
    description.architecture =
        resolveArchitecture(architecture.spec, numClassesFor(architecture.spec, architecture.numClasses, weights, &notice));
    description.preprocessing = architecture.preprocessing;
    description.classNames = architecture.classNames;
    description.provenance = {{"weights", path.string()}, {"arch", architecture.spec}};
    LoadedModelFile loaded = classifier(loadStandardNetwork(description, weights, path.string()));
    loaded.notice = std::move(notice);
    return loaded;
}

/// A .pth/.ckpt without an architecture: only published B-cos models (B-cos-v2 zoo, B-cosification) open.
LoadedModelFile loadPublishedModel(const std::filesystem::path &path)
{
    const auto model = recognizeModelFile(path);
    if (!model)
        fail(ErrorCode::Format, "{}: not a B-cos Studio model file, a B-cos-v2 zoo file or a B-cosification release "
             "(other weights need an architecture: bcos convert --arch ARCH --weights FILE)", path.string());
    LoadedModelFile loaded = classifier(openRecognizedModel(*model));
    loaded.notice = "opened as " + describeRecognizedModel(*model);
    return loaded;
}

} // namespace

TensorMap readForeignWeights(const std::filesystem::path &path)
{
    WeightsFile file = loadWeightsFile(path);
    if (file.tensors.is_empty())
        fail(ErrorCode::Format, "{}: no weight tensors found ({} file)", path.string(), file.format);
    return std::move(file.tensors);
}

bool needsArchitecture(const std::filesystem::path &path)
{
    const std::string ext = lowerExtension(path);
    if (ext == ".safetensors") {
        const auto format = safetensorsFormat(path);
        return format && *format != kOurFormat && !isClipModelFile(path);
    }
    return (ext == ".pth" || ext == ".pt" || ext == ".ckpt") && !isRecognizedModelFile(path);
}

bool hasModelFileExtension(const std::filesystem::path &path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".pth" || ext == ".pt" || ext == ".ckpt" || ext == ".safetensors";
}

LoadedModelFile loadModelFile(const ModelFileRequest &request)
{
    if (request.architecture)
        return request.architecture->spec == kForeignClip ? loadForeignClip(request.path, *request.architecture)
                                                          : loadForeignClassifier(request.path, *request.architecture);
    if (request.requireClip)
        return clipModel(loadClipModel(request.path));
    if (request.acceptClip && lowerExtension(request.path) == ".safetensors" && isClipModelFile(request.path))
        return clipModel(loadClipModel(request.path));
    if (isZipArchive(request.path))
        return loadPublishedModel(request.path);
    return classifier(loadModel(request.path));
}

} // namespace bcos::core
