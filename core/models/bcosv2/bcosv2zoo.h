#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

/// One published checkpoint of the B-cos-v2 model zoo (github.com/B-cos/B-cos-v2, release v0.0.1-weights).
struct BcosV2ZooEntry {
    std::string name;         ///< the zoo's experiment name: "resnet_18", "convnext_tiny_pn", "bcos_vitc_ti_patch1_14"
    std::string fileName;     ///< the published file: "resnet_18-68b4160fff.pth" (hash part empty when unknown)
    nlohmann::json arch;      ///< our architecture description (a bcosv2_* family, 1000 classes)
    bool bcos = true;         ///< false for the standard_* ViTs
    int64_t resizeSize = 256; ///< evaluation Resize before CenterCrop(224): 232 for bcos_final_long
};

/// Every zoo entry, in the zoo's order.
const std::vector<BcosV2ZooEntry> &bcosV2Zoo();

/// The entry called `nameOrFile`: an experiment name ("resnet_18"), a published file name or path
/// (".../resnet_18-68b4160fff.pth"); std::nullopt otherwise.
std::optional<BcosV2ZooEntry> findBcosV2ZooEntry(const std::string &nameOrFile);

/// The zoo names, for help texts and messages.
std::vector<std::string> bcosV2ZooNames();

/// The description of a zoo network: B-cos (B = settings.b, MaxOut, logit bias -log(999) unless given) with
/// B-cos-v2's preprocessing (resize `resizeSize`, centre crop 224, [x, 1-x] without mean/std: mean-free, std 1),
/// or a standard ViT with ImageNet normalisation. Class names are left empty.
ModelDescription bcosV2Description(const nlohmann::json &arch, bool bcos, int64_t resizeSize,
                                   const BcosSettings &settings = {});

/// What the key layout of a B-cos-v2 state dict says about its network.
struct BcosV2Layout {
    nlohmann::json arch;  ///< a bcosv2_* description with num_classes and widths from the shapes
    bool bcos = true;     ///< false: a standard_* ViT
    int64_t maxOut = 1;   ///< rows of a B-cos weight per output unit
};

/// Recognises a B-cos-v2 state dict by its key layout and tensor shapes (keys as in the zoo files, no wrapper
/// prefix) and returns the architecture it fits, or std::nullopt. ViT heads are not in the shapes: they come
/// from the zoo's dim -> heads table (192: 3, 384: 6, 768: 12, 1024: 16), else dim / 64; the VGG's last
/// average pool is not in the keys either and is assumed (every zoo VGG ends with "M").
std::optional<BcosV2Layout> inferBcosV2Architecture(const TensorMap &weights);

/// Builds the network of `description` and loads `weights` (the zoo state dict, keys as stored) strictly:
/// Error{Mismatch} with a readable diff naming `origin` when they do not fit. Returned in eval mode.
Network importBcosV2Network(const ModelDescription &description, const TensorMap &weights, const std::string &origin);

} // namespace bcos::core
