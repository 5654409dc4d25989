#include "family.h"

#include "core/models/vit.h"

#include "core/models/cnnweights.h"
#include "core/models/bcosv2/bcosv2families.h"
#include "core/error.h"
#include "core/models/densenet.h"
#include "core/models/presets.h"
#include "core/models/resnet.h"
#include "core/models/simplecnn.h"
#include "core/nn/bcossettings.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>

namespace bcos::core {

namespace {

// A CNN family whose Impl is built from a Config (fromJson/toJson) and whose B-cos module paths map to the
// standard ones through `standardPath(config, bcosPath)`.
template <class Impl, class Config>
Family cnnFamily(const std::string &name, std::string (*standardPath)(const Config &, const std::string &))
{
    Family family = configuredFamily<Impl, Config>(name);
    family.bcosifyWeights = [build = family.build, standardPath](const nlohmann::json &arch, const TensorMap &weights,
                                                                 const BcosSettings &settings) {
        const Config config = Config::fromJson(arch, "architecture");
        return bcosifyCnnWeights(*build(arch, settings), weights,
                                 [&config, standardPath](const std::string &path) { return standardPath(config, path); });
    };
    return family;
}

} // namespace

Family resnetFamily()
{
    // ResNet keeps every module path; only the layer types change.
    return cnnFamily<ResNetImpl, ResNetConfig>(
        "resnet", [](const ResNetConfig &, const std::string &path) { return path; });
}

Family densenetFamily()
{
    // BcosSequential renumbered "features" and the transitions.
    return cnnFamily<DenseNetImpl, DenseNetConfig>(
        "densenet", [](const DenseNetConfig &config, const std::string &path) { return config.standardModulePath(path); });
}

const std::vector<Family> &families()
{
    static const std::vector<Family> list{
        resnetFamily(),
        densenetFamily(),
        vitFamily(),
        simpleCnnFamily(),
        bcosV2ResNetFamily(),
        bcosV2DenseNetFamily(),
        bcosV2VggFamily(),
        bcosV2ConvNeXtFamily(),
        bcosV2VitFamily(),
    };
    return list;
}

const Family &findFamily(const std::string &name, const std::string &origin)
{
    std::vector<std::string> known;
    for (const auto &family : families()) {
        if (family.name == name)
            return family;
        known.push_back(family.name);
    }
    fail(ErrorCode::Format, "{}: unknown model family '{}' (known: {})", origin, name, fmt::join(known, ", "));
}

nlohmann::json canonicalArchitecture(const nlohmann::json &arch, const std::string &origin)
{
    if (!arch.is_object())
        fail(ErrorCode::Format, "{}: the architecture must be a JSON object", origin);
    const auto family = arch.find("family");
    if (family == arch.end() || !family->is_string())
        fail(ErrorCode::Format, "{}: missing field 'family' (a string such as \"resnet\")", origin);
    const Family &f = findFamily(family->get<std::string>(), origin);
    nlohmann::json out = f.canonicalize ? f.canonicalize(arch, origin) : arch;
    if (arch.contains("name") && arch["name"].is_string())
        out["name"] = arch["name"];
    return out;
}

nlohmann::json resolveArchitecture(const std::string &spec, std::optional<int64_t> numClasses)
{
    nlohmann::json arch;
    std::string origin = spec;
    if (auto preset = architecturePreset(spec)) {
        arch = std::move(*preset);
        origin = "preset " + spec;
    } else if (std::filesystem::is_regular_file(spec)) {
        std::ifstream in(spec);
        try {
            arch = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception &error) {
            fail(ErrorCode::Format, "{}: not valid JSON ({})", spec, error.what());
        }
    } else {
        fail(ErrorCode::InvalidArgument, "unknown architecture '{}': neither a preset ({}) nor a JSON file", spec,
             fmt::join(architecturePresetNames(), ", "));
    }
    if (numClasses) {
        if (*numClasses <= 0)
            fail(ErrorCode::InvalidArgument, "the number of classes must be positive, got {}", *numClasses);
        if (arch.is_object())
            arch["num_classes"] = *numClasses;
    }
    return canonicalArchitecture(arch, origin);
}

std::shared_ptr<ClassifierImpl> buildClassifier(const nlohmann::json &arch, const BcosSettings &settings)
{
    if (const std::string problem = bcosSettingsProblem(settings); !problem.empty())
        fail(ErrorCode::InvalidArgument, "B-cos settings: {}", problem);
    const nlohmann::json canonical = canonicalArchitecture(arch, "architecture");
    const std::string family = canonical.at("family").get<std::string>();
    std::shared_ptr<ClassifierImpl> classifier;
    // Absurd widths or depths in an architecture JSON fail here, in the first weight allocations.
    translateTorchErrors(fmt::format("building the {} network", family),
                         [&] { classifier = findFamily(family, "architecture").build(canonical, settings); });
    return classifier;
}

Network buildNetwork(const ModelDescription &description)
{
    return Network(description, buildClassifier(description.architecture, description.bcos));
}

} // namespace bcos::core
