#include "presets.h"

#include "core/models/vit.h"

#include <utility>

namespace bcos::core {
namespace {

// torchvision.models.resnet / densenet factory functions (resnetXX, resnext, wide_resnet, densenetXXX).
const std::vector<std::pair<std::string, nlohmann::json>> &presets()
{
    auto resnet = [](const char *block, std::vector<int> layers, int groups = 1, int width = 64) {
        return nlohmann::json{{"family", "resnet"}, {"block", block}, {"layers", layers}, {"groups", groups},
                              {"width_per_group", width}, {"num_classes", 1000}};
    };
    auto densenet = [](int growth, std::vector<int> blocks, int init) {
        return nlohmann::json{{"family", "densenet"}, {"growth_rate", growth}, {"block_config", blocks},
                              {"num_init_features", init}, {"bn_size", 4}, {"num_classes", 1000}};
    };
    static const std::vector<std::pair<std::string, nlohmann::json>> list{
        {"resnet18", resnet("basic", {2, 2, 2, 2})},
        {"resnet34", resnet("basic", {3, 4, 6, 3})},
        {"resnet50", resnet("bottleneck", {3, 4, 6, 3})},
        {"resnet101", resnet("bottleneck", {3, 4, 23, 3})},
        {"resnet152", resnet("bottleneck", {3, 8, 36, 3})},
        {"resnext50_32x4d", resnet("bottleneck", {3, 4, 6, 3}, 32, 4)},
        {"resnext101_32x8d", resnet("bottleneck", {3, 4, 23, 3}, 32, 8)},
        {"wide_resnet50_2", resnet("bottleneck", {3, 4, 6, 3}, 1, 128)},
        {"wide_resnet101_2", resnet("bottleneck", {3, 4, 23, 3}, 1, 128)},
        {"densenet121", densenet(32, {6, 12, 24, 16}, 64)},
        {"densenet161", densenet(48, {6, 12, 36, 24}, 96)},
        {"densenet169", densenet(32, {6, 12, 32, 32}, 64)},
        {"densenet201", densenet(32, {6, 12, 48, 32}, 64)},
    };
    return list;
}

} // namespace

std::optional<nlohmann::json> architecturePreset(const std::string &name)
{
    for (const auto &entry : presets()) {
        if (entry.first != name)
            continue;
        nlohmann::json arch = entry.second;
        arch["name"] = name;
        return arch;
    }
    for (const auto &vitName : VitOptions::presetNames()) {
        if (vitName != name)
            continue;
        nlohmann::json arch = VitOptions::preset(name).toJson();
        arch["name"] = name;
        return arch;
    }
    return std::nullopt;
}

std::vector<std::string> architecturePresetNames()
{
    std::vector<std::string> names;
    for (const auto &entry : presets())
        names.push_back(entry.first);
    for (const auto &vitName : VitOptions::presetNames())
        names.push_back(vitName);
    return names;
}

} // namespace bcos::core
