#include "modelfile.h"

#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

constexpr const char *kFormat = "bcos-model-v1";
constexpr const char *kDescriptionKey = "bcos.model";

ModelDescription descriptionOf(const Metadata &metadata, const std::string &origin)
{
    if (metadata.value("format") != kFormat)
        fail(ErrorCode::Format, "{}: not a B-cos Studio model file (metadata 'format' is '{}', expected '{}')",
             origin, metadata.value("format"), kFormat);
    const std::string *text = metadata.find(kDescriptionKey);
    if (!text)
        fail(ErrorCode::Format, "{}: metadata '{}' (the model description) is missing", origin, kDescriptionKey);
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception &error) {
        fail(ErrorCode::Format, "{}: metadata '{}' is not valid JSON ({})", origin, kDescriptionKey, error.what());
    }
    ModelDescription description = ModelDescription::fromJson(json, origin);
    description.architecture = canonicalArchitecture(description.architecture, origin + ": architecture");
    return description;
}

} // namespace

void saveModel(const std::filesystem::path &path, NetworkImpl &network)
{
    Metadata metadata;
    metadata.set("format", kFormat);
    metadata.set(kDescriptionKey, network.description().toJson().dump());
    TensorMap tensors;
    for (const auto &item : stateDict(network))
        tensors.insert(item.key(), item.value().detach().to(torch::kCPU).contiguous());
    writeSafetensors(path, tensors, metadata);
}

ModelDescription readModelDescription(const std::filesystem::path &path)
{
    return descriptionOf(readSafetensors(path).metadata, path.string());
}

Network loadModel(const std::filesystem::path &path)
{
    const SafetensorsContents contents = readSafetensors(path);
    Network network = buildNetwork(descriptionOf(contents.metadata, path.string()));
    loadStateDict(*network, contents.tensors, path.string());
    network->eval();
    return network;
}

} // namespace bcos::core
