#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

/// The architecture description of a named torchvision model ("resnet18", "resnet50", "densenet121", ...),
/// in constructor-argument names with 1000 classes; std::nullopt for an unknown name.
std::optional<nlohmann::json> architecturePreset(const std::string &name);

/// All preset names, in a stable order (for help texts and the GUI).
std::vector<std::string> architecturePresetNames();

} // namespace bcos::core
