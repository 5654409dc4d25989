// How `bcos train` builds its network from --mode, --arch and --weights.
#include "trainnetwork.h"

#include "app/cli/args.h"
#include "core/data/augment.h"
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/models/family.h"
#include "core/models/foreignmodel.h"
#include "core/models/modelfile.h"
#include "core/models/simplecnn.h"
#include "core/workflows/trainingnetwork.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace bcos::cli {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;

/// Standard weights and the description of their network: one of our model files holding a standard network,
/// or a foreign file (safetensors, .pth, .ckpt, TorchScript) whose architecture --arch names.
struct StandardSource {
    core::ModelDescription description;
    core::TensorMap weights;
};

StandardSource standardSource(const ArchSpec &arch, const fs::path &weights)
{
    core::WeightsFile file = core::loadWeightsFile(weights);
    StandardSource source;
    if (file.format == "safetensors" && file.metadata.value("format") == "bcos-model-v1") {
        source.description = core::readModelDescription(weights);
        if (source.description.bcos.enabled)
            core::fail(ErrorCode::InvalidArgument, "{}: already a B-cos network; --mode bcosify needs a standard one",
                       weights.string());
        if (source.description.numClasses() != arch.numClasses)
            core::fail(ErrorCode::Mismatch, "{}: the model has {} classes, the data {}", weights.string(),
                       source.description.numClasses(), arch.numClasses);
    } else {
        if (arch.text.empty())
            throw UsageError{"--arch is required unless --weights is a model file written by bcos"};
        source.description.architecture = core::resolveArchitecture(arch.text, arch.numClasses);
    }
    source.weights = std::move(file.tensors);
    return source;
}

} // namespace

ArchSpec parseArch(const std::string &text)
{
    ArchSpec spec;
    spec.text = text;
    if (text != "simplecnn" && text.rfind("simplecnn:", 0) != 0)
        return spec;
    spec.family = "simplecnn";
    const auto colon = text.find(':');
    if (colon != std::string::npos) {
        std::stringstream list(text.substr(colon + 1));
        for (std::string item; std::getline(list, item, ',');) {
            try {
                spec.widths.push_back(std::stoll(item));
            } catch (const std::exception &) {
                throw UsageError{"--arch " + text + ": expected comma-separated stage widths after ':'"};
            }
        }
    }
    return spec;
}

std::vector<std::string> readClassNames(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        core::fail(ErrorCode::Io, "{}: cannot read the class names file", path);
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            names.push_back(line);
    return names;
}

void recordDataDescription(core::ModelDescription &description, const core::Dataset &data, int64_t imageSize,
                           const std::optional<std::string> &classNamesFile)
{
    // Data without names of its own (IDX files) keeps those of the source model (bcosify, or pretrain from a
    // bcos model file) when their count fits; so do images without labels, or with other classes than the
    // network's (distill: the teacher's classes are the network's).
    const int64_t classes = description.numClasses();
    if (data.hasLabels() && data.numClasses() == classes &&
        (data.hasClassNames() || static_cast<int64_t>(description.classNames.size()) != classes))
        description.classNames = data.classNames();
    if (classNamesFile) {
        auto names = readClassNames(*classNamesFile);
        if (static_cast<int64_t>(names.size()) != classes)
            core::fail(ErrorCode::InvalidArgument, "{}: {} class names for a network with {} classes",
                       *classNamesFile, names.size(), classes);
        description.classNames = std::move(names);
    }
    // The trainer's evaluation transform (core/data/augment.h): shorter side to round(size * 256/224), centre
    // crop `size`; at the native size nothing is resized.
    const int64_t side = imageSize > 0 ? imageSize : data.get(0).image.size(-1);
    description.preprocessing.inputSize = side;
    description.preprocessing.resizeSize =
        imageSize > 0 ? static_cast<int64_t>(std::lround(side * core::AugmentOptions{}.evalResizeRatio)) : side;
}

core::Network buildNetworkFor(core::TrainMode mode, const ArchSpec &arch, const fs::path &weights)
{
    core::TrainingNetworkSpec spec;
    spec.mode = mode;
    spec.bcos = arch.bcos;
    spec.origin = weights.string();
    if (arch.family == "simplecnn") {
        if (mode == core::TrainMode::Bcosify)
            core::fail(ErrorCode::Unsupported, "--arch simplecnn cannot be B-cosified; use --mode scratch");
        spec.description.architecture = {{"family", "simplecnn"},
                                         {"num_classes", arch.numClasses},
                                         {"widths", arch.widths.empty() ? core::SimpleCnnOptions{}.widths : arch.widths}};
        if (!weights.empty())
            spec.weights = core::loadWeightsFile(weights).tensors;
    } else if (mode == core::TrainMode::Bcosify || (mode == core::TrainMode::Pretrain && !weights.empty())) {
        if (weights.empty())
            throw UsageError{"--mode bcosify needs --weights (standard weights or a standard bcos model file)"};
        StandardSource source = standardSource(arch, weights);
        spec.description = std::move(source.description);
        spec.weights = std::move(source.weights);
    } else {
        if (arch.text.empty())
            throw UsageError{"missing required option --arch"};
        spec.description.architecture = core::resolveArchitecture(arch.text, arch.numClasses);
        if (!weights.empty())
            spec.weights = core::loadWeightsFile(weights).tensors;
    }
    core::Network network = core::buildTrainingNetwork(spec);
    network->description().provenance = {{"command", "bcos train"},
                                          {"mode", core::trainModeName(mode)},
                                          {"arch", arch.text},
                                          {"weights", weights.string()}};
    return network;
}

core::DistillTask buildDistillationFor(const ArchSpec &arch, const fs::path &weights, const core::Dataset &data,
                                      std::optional<int64_t> numClasses)
{
    if (weights.empty())
        throw UsageError{"--mode distill needs --weights: the pretrained (standard) network to distil from"};
    if (arch.family == "simplecnn")
        core::fail(ErrorCode::Unsupported, "--arch simplecnn cannot be B-cosified; --mode distill needs a model-zoo "
                   "architecture (resnet50, densenet121, ... or a JSON file)");
    core::WeightsFile file = core::loadWeightsFile(weights);
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Distill;
    spec.bcos = arch.bcos;
    spec.origin = weights.string();
    if (file.format == "safetensors" && file.metadata.value("format") == "bcos-model-v1") {
        spec.description = core::readModelDescription(weights);
        if (spec.description.bcos.enabled)
            core::fail(ErrorCode::InvalidArgument, "{}: already a B-cos network; --mode distill needs the standard "
                       "network to distil from", weights.string());
        if (numClasses && *numClasses != spec.description.numClasses())
            core::fail(ErrorCode::Mismatch, "{}: the model has {} classes, --num-classes says {}", weights.string(),
                       spec.description.numClasses(), *numClasses);
    } else {
        if (arch.text.empty())
            throw UsageError{"--arch is required unless --weights is a model file written by bcos"};
        // The teacher's classes: --num-classes, its classifier head, or the data's labels.
        std::optional<int64_t> classes = numClasses ? numClasses : core::inferNumClasses(file.tensors);
        if (!classes && data.hasLabels())
            classes = data.numClasses();
        if (!classes)
            throw UsageError{fmt::format("{}: no classifier head found to count the teacher's classes; pass "
                                         "--num-classes", weights.string())};
        spec.description.architecture = core::resolveArchitecture(arch.text, *classes);
    }
    spec.weights = std::move(file.tensors);
    core::DistillTask task = core::buildDistillation(spec);
    task.student->description().provenance = {{"command", "bcos train"},
                                              {"mode", "distill"},
                                              {"arch", arch.text},
                                              {"weights", weights.string()}};
    return task;
}

} // namespace bcos::cli
