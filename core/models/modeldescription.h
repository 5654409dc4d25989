#pragma once

#include "core/nn/bcossettings.h"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace bcos::core {

/// How images in [0, 1] are prepared for a model.
struct Preprocessing {
    std::string name = "imagenet";                    ///< "imagenet", "clip", "grayscale" or "custom"
    std::array<double, 3> mean{0.485, 0.456, 0.406};  ///< per RGB channel
    std::array<double, 3> std{0.229, 0.224, 0.225};
    int64_t inputSize = 224;  ///< centre crop side for evaluation
    int64_t resizeSize = 256; ///< shorter side before the crop (0: the shorter side to inputSize, as CLIP)

    static Preprocessing imagenet();
    static Preprocessing clip();
    /// Looks up "imagenet" / "clip"; throws Error{InvalidArgument} otherwise.
    static Preprocessing preset(const std::string &name);
};

/// Everything that describes a model apart from its weights; stored in our model files' metadata.
struct ModelDescription {
    nlohmann::json architecture;          ///< {"family": "resnet", ...constructor argument names}
    BcosSettings bcos;
    Preprocessing preprocessing;
    std::vector<std::string> classNames;  ///< may be empty (then "class <k>")
    nlohmann::json provenance = nlohmann::json::object(); ///< source weights, command, date...

    std::string family() const;
    int64_t numClasses() const;
    std::string className(int64_t index) const;

    nlohmann::json toJson() const;
    /// Throws Error{Format} naming `origin` and the offending field.
    static ModelDescription fromJson(const nlohmann::json &json, const std::string &origin);
};

} // namespace bcos::core
