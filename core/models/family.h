#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

/// One model family (ResNet, DenseNet, ...): how to build its backbone in either mode from an architecture
/// description, and how to B-cosify a standard state dict of it.
struct Family {
    std::string name; ///< the architecture's "family" value
    /// Backbone for `arch` (already canonical), standard or B-cos per `settings.enabled`.
    std::function<std::shared_ptr<ClassifierImpl>(const nlohmann::json &arch, const BcosSettings &)> build;
    /// Standard state dict (torchvision keys, no prefix) -> the B-cos backbone's state dict (reference keys).
    std::function<TensorMap(const nlohmann::json &arch, const TensorMap &standardWeights, const BcosSettings &)>
        bcosifyWeights;
    /// Validates `arch` and fills in defaults; Error{Format} names `origin` and the field. Optional.
    std::function<nlohmann::json(const nlohmann::json &arch, const std::string &origin)> canonicalize;
};

/// A family whose backbone `Impl` is built from `Config::fromJson(arch, origin)` (validating, Error{Format} naming
/// the field) and whose canonical description is `Config::toJson()`; bcosifyWeights is left to the caller.
template <class Impl, class Config>
Family configuredFamily(const std::string &name)
{
    Family family;
    family.name = name;
    family.build = [](const nlohmann::json &arch, const BcosSettings &settings) -> std::shared_ptr<ClassifierImpl> {
        return std::make_shared<Impl>(Config::fromJson(arch, "architecture"), settings);
    };
    family.canonicalize = [](const nlohmann::json &arch, const std::string &origin) {
        return Config::fromJson(arch, origin).toJson();
    };
    return family;
}

Family resnetFamily();
Family densenetFamily();

/// Every supported family (one line per family in family.cpp).
const std::vector<Family> &families();

/// The family called `name`; Error{Format} naming `origin` and the known families otherwise.
const Family &findFamily(const std::string &name, const std::string &origin);

/// Validates a description through its family: Error{Format} for a missing/unknown "family" or bad fields.
nlohmann::json canonicalArchitecture(const nlohmann::json &arch, const std::string &origin);

/// `spec` is a preset name ("resnet50") or a JSON file with a description ({"family": "resnet", ...});
/// `numClasses` overrides "num_classes". Returns the canonical description.
nlohmann::json resolveArchitecture(const std::string &spec, std::optional<int64_t> numClasses = std::nullopt);

/// The backbone of a description (standard or B-cos per `settings`). Throws Error{Numerical} "building the
/// <family> network: out of memory: ..." when its weights cannot be allocated.
std::shared_ptr<ClassifierImpl> buildClassifier(const nlohmann::json &arch, const BcosSettings &settings);

/// A complete network (encoding, in-model normalisation, logit bias) with freshly initialised weights.
Network buildNetwork(const ModelDescription &description);

} // namespace bcos::core
