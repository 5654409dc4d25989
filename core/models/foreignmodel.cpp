#include "foreignmodel.h"

#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/models/bcosv2/bcosv2zoo.h"
#include "core/models/family.h"
#include "core/models/imagenetclasses.h"
#include "core/models/loadweights.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <fstream>

namespace bcos::core {
namespace {

const at::Tensor *findAny(const TensorMap &weights, const std::string &key)
{
    for (const char *prefix : {"", "module.", "model.", "state_dict.", "model.model.", "module.model."})
        if (const at::Tensor *found = weights.find(prefix + key))
            return found;
    return nullptr;
}

nlohmann::json withoutName(nlohmann::json arch)
{
    arch.erase("name");
    return arch;
}

/// A zoo state dict: the layout gives the architecture; the file name (or else the first zoo entry with the
/// same architecture) gives the zoo name and its evaluation resize.
std::optional<RecognizedModel> recognizeBcosV2(const WeightsFile &file, const std::string &origin)
{
    const auto layout = inferBcosV2Architecture(file.tensors);
    if (!layout)
        return std::nullopt;
    RecognizedModel model;
    model.kind = "bcos-v2";
    model.origin = origin;
    model.weights = file.tensors;
    const nlohmann::json arch = canonicalArchitecture(layout->arch, origin);
    std::optional<BcosV2ZooEntry> entry = findBcosV2ZooEntry(origin);
    model.how = "key layout and file name";
    auto sameNetwork = [&](const BcosV2ZooEntry &candidate) {
        nlohmann::json expected = withoutName(canonicalArchitecture(candidate.arch, "zoo"));
        nlohmann::json got = withoutName(arch);
        expected.erase("num_classes");
        got.erase("num_classes");
        return candidate.bcos == layout->bcos && expected == got;
    };
    if (!entry || !sameNetwork(*entry)) {
        entry.reset();
        model.how = "key layout";
        for (const auto &candidate : bcosV2Zoo())
            if (sameNetwork(candidate)) {
                entry = candidate;
                break;
            }
    }
    BcosSettings settings;
    settings.maxOut = layout->maxOut;
    nlohmann::json described = arch;
    if (entry) {
        model.name = entry->name;
        described["name"] = entry->name;
    }
    model.description = bcosV2Description(described, layout->bcos, entry ? entry->resizeSize : 256, settings);
    if (model.description.numClasses() == 1000)
        model.description.classNames = imagenetClassNames();
    model.description.provenance = {{"weights", origin}, {"from", "bcos-v2"}, {"zoo_entry", model.name}};
    return model;
}

/// torchvision ResNet geometry from the keys of a (B-cosified) state dict: block, layers, stem width, groups.
std::optional<nlohmann::json> torchvisionResNet(const TensorMap &w, const std::string &suffix)
{
    const at::Tensor *conv1 = w.find("conv1" + suffix);
    const at::Tensor *fc = w.find("fc" + suffix);
    if (!conv1 || !fc || conv1->dim() != 4)
        return std::nullopt;
    std::vector<int64_t> layers;
    for (int l = 1; l <= 4; ++l) {
        int64_t n = 0;
        while (w.contains(fmt::format("layer{}.{}.conv1{}", l, n, suffix)))
            ++n;
        layers.push_back(n);
    }
    const bool bottleneck = w.contains("layer1.0.conv3" + suffix);
    const int64_t inplanes = conv1->size(0);
    nlohmann::json arch{{"family", "resnet"}, {"block", bottleneck ? "bottleneck" : "basic"}, {"layers", layers},
                        {"num_classes", fc->size(0)}, {"inplanes", inplanes}};
    if (bottleneck) {
        const at::Tensor *conv2 = w.find("layer1.0.conv2" + suffix);
        const int64_t width = conv2 ? conv2->size(0) : inplanes;
        const int64_t groups = conv2 && conv2->size(1) ? width / conv2->size(1) : 1;
        arch["groups"] = groups;
        arch["width_per_group"] = width * 64 / (inplanes * groups);
    }
    return arch;
}

double metadataNumber(const WeightsFile &file, const std::string &key, double fallback)
{
    const std::string text = file.metadata.value(key);
    try {
        return text.empty() ? fallback : std::stod(text);
    } catch (const std::exception &) {
        return fallback; // a numpy scalar placeholder: not readable, keep the default
    }
}

/// A B-cosification Lightning release: "model." (the LightningModule) + "model." (BcosifyNetwork) + torchvision
/// keys with B-cos layers, i.e. our B-cos network's state dict behind one "model.".
std::optional<RecognizedModel> recognizeBcosification(const WeightsFile &file, const std::string &origin)
{
    if (file.metadata.value("key_prefix") != "model.")
        return std::nullopt;
    const TensorMap network = stripKeyPrefix(file.tensors, "model.");
    const TensorMap backbone = stripKeyPrefix(network, "model.");
    if (backbone.size() != network.size())
        return std::nullopt;
    const at::Tensor *conv1 = backbone.find("conv1.linear.weight");
    if (!conv1 || conv1->dim() != 4 || conv1->size(1) != 6)
        return std::nullopt;
    const auto arch = torchvisionResNet(backbone, ".linear.weight");
    if (!arch)
        return std::nullopt;
    RecognizedModel model;
    model.kind = "bcosification";
    model.origin = origin;
    model.how = "Lightning checkpoint layout";
    model.weights = network;
    model.name = file.metadata.value("hyper_parameters.args.experiment_name");
    ModelDescription &d = model.description;
    d.architecture = canonicalArchitecture(*arch, origin);
    d.bcos.enabled = true;
    d.bcos.b = metadataNumber(file, "hyper_parameters.model.bcos_args.b", 2.0);
    d.bcos.maxOut = static_cast<int64_t>(metadataNumber(file, "hyper_parameters.model.bcos_args.max_out", 1));
    d.bcos.logitBias = metadataNumber(file, "hyper_parameters.model.logit_bias", d.bcos.logitBias);
    if (d.numClasses() == 1000)
        d.classNames = imagenetClassNames();
    d.provenance = {{"weights", origin}, {"from", "bcosification"}, {"experiment", model.name}};
    return model;
}

} // namespace

RecognizedModel importBcosV2(const TensorMap &weights, const BcosV2ImportRequest &request, const std::string &origin,
                             std::string *notice)
{
    const auto entry = findBcosV2ZooEntry(request.arch);
    nlohmann::json arch;
    if (entry) {
        arch = entry->arch;
    } else {
        try {
            arch = resolveArchitecture(request.arch);
        } catch (const Error &) {
            fail(ErrorCode::InvalidArgument, "--arch '{}' is not a B-cos-v2 zoo name ({}) nor a bcosv2_* architecture",
                 request.arch, fmt::join(bcosV2ZooNames(), ", "));
        }
        if (arch.value("family", std::string()).rfind("bcosv2_", 0) != 0)
            fail(ErrorCode::InvalidArgument, "--arch '{}' is a '{}' network, not a B-cos-v2 one", request.arch,
                 arch.value("family", std::string()));
    }
    const auto layout = inferBcosV2Architecture(weights);
    const int64_t declared = arch.value("num_classes", int64_t{0});
    if (request.numClasses) {
        arch["num_classes"] = *request.numClasses;
    } else if (layout && layout->arch.at("num_classes").get<int64_t>() != declared) {
        arch["num_classes"] = layout->arch.at("num_classes");
        if (notice)
            *notice = fmt::format("note: {} classes, from the weights' classifier head ({} declares {}); give "
                                  "--num-classes to override", arch["num_classes"].get<int64_t>(), request.arch, declared);
    }
    BcosSettings settings;
    settings.b = request.b.value_or(settings.b);
    settings.maxOut = request.maxOut.value_or(layout ? layout->maxOut : 1);
    settings.logitBias = request.logitBias.value_or(settings.logitBias);
    RecognizedModel model;
    model.kind = "bcos-v2";
    model.name = entry ? entry->name : request.arch;
    model.how = "--arch";
    model.origin = origin;
    model.weights = weights;
    model.description = bcosV2Description(arch, entry ? entry->bcos : layout.value_or(BcosV2Layout{}).bcos,
                                          entry ? entry->resizeSize : 256, settings);
    if (model.description.numClasses() == 1000)
        model.description.classNames = imagenetClassNames();
    model.description.provenance = {{"from", "bcos-v2"}, {"arch", request.arch}, {"weights", origin}};
    return model;
}

std::optional<RecognizedModel> recognizeWeights(const WeightsFile &weights, const std::string &origin)
{
    if (auto model = recognizeBcosV2(weights, origin))
        return model;
    return recognizeBcosification(weights, origin);
}

std::optional<RecognizedModel> recognizeModelFile(const std::filesystem::path &path)
{
    return recognizeWeights(loadWeightsFile(path), path.string());
}

bool isZipArchive(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::array<char, 4> head{};
    return in.read(head.data(), head.size()) && head == std::array<char, 4>{'P', 'K', 3, 4};
}

bool isRecognizedModelFile(const std::filesystem::path &path)
{
    if (!isZipArchive(path))
        return false;
    try {
        return recognizeModelFile(path).has_value();
    } catch (const Error &) {
        return false; // unreadable: the loader reports why
    }
}

Network openRecognizedModel(const RecognizedModel &model)
{
    Network network = buildNetwork(model.description);
    loadStateDict(*network, model.weights, model.origin);
    network->eval();
    return network;
}

std::string describeRecognizedModel(const RecognizedModel &model)
{
    const ModelDescription &d = model.description;
    std::string text = model.kind == "bcos-v2" ? "B-cos-v2 zoo model" : "B-cosification release";
    if (!model.name.empty())
        text += " " + model.name;
    text += fmt::format(" ({}, {} classes", d.family(), d.numClasses());
    if (d.bcos.enabled)
        text += fmt::format(", B={}{}", d.bcos.b, d.bcos.maxOut > 1 ? fmt::format(", max-out {}", d.bcos.maxOut) : "");
    else
        text += ", standard";
    return text + "; recognised by " + model.how + ")";
}

std::optional<int64_t> inferNumClasses(const TensorMap &weights)
{
    for (const char *head : {"fc.weight", "classifier.weight", "linear_head.linear.weight", "head.weight",
                             "fc.linear.weight", "classifier.linear.weight", "linear_head.linear.linear.weight",
                             "0.linear_head.linear.linear.weight"})
        if (const at::Tensor *found = findAny(weights, head); found && found->dim() >= 2)
            return found->size(0);
    return std::nullopt;
}

std::optional<int64_t> numClassesFor(const std::string &archSpec, std::optional<int64_t> given,
                                     const TensorMap &weights, std::string *notice)
{
    if (given)
        return given;
    const auto head = inferNumClasses(weights);
    if (!head)
        return std::nullopt;
    const nlohmann::json arch = resolveArchitecture(archSpec);
    if (arch.value("num_classes", int64_t{0}) == *head)
        return std::nullopt;
    if (notice)
        *notice = fmt::format("note: {} classes, from the weights' classifier head ({} declares {}); give "
                              "--num-classes to override", *head, archSpec, arch.value("num_classes", int64_t{0}));
    return head;
}

} // namespace bcos::core
