#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"

#include <functional>
#include <memory>
#include <string>

namespace bcos::core {

class ClassifierImpl;

/// One model family for the registry: builds the backbone from its architecture JSON (constructor argument
/// names, {"family": ...}) and converts standard weights to the B-cosified key set.
struct Family {
    std::string name;
    /// Standard network when !settings.enabled, else the B-cosified one (6 input channels).
    std::function<std::shared_ptr<ClassifierImpl>(const nlohmann::json &arch, const BcosSettings &)> build;
    /// Standard state dict (reference key names) -> state dict of build(arch, settings) (no "model." prefix).
    std::function<TensorMap(const nlohmann::json &arch, const TensorMap &standardWeights, const BcosSettings &)>
        bcosifyWeights;
};

} // namespace bcos::core
