#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <filesystem>
#include <optional>
#include <string>

namespace bcos::core {

struct WeightsFile;

/// A published model file that opens without being told its architecture: a B-cos-v2 zoo state dict
/// (`resnet_18-68b4160fff.pth`...) or a B-cosification release (a Lightning `last.ckpt` of a B-cosified
/// torchvision ResNet).
struct RecognizedModel {
    std::string kind;             ///< "bcos-v2" or "bcosification"
    std::string name;             ///< the zoo entry / experiment ("resnet_18"), empty when unknown
    std::string how;              ///< how it was recognised, for messages ("file name and key layout", ...)
    ModelDescription description; ///< architecture, B, logit bias, preprocessing, class names
    TensorMap weights;            ///< the weights with the keys the network expects
    std::string origin;           ///< the file, for error messages
};

/// What `bcos convert --from bcos-v2 --arch SPEC` is told about a B-cos-v2 state dict.
struct BcosV2ImportRequest {
    std::string arch;                   ///< a zoo name ("resnet_18"), or a preset / JSON file of a bcosv2_* family
    std::optional<int64_t> numClasses;  ///< unset: the weights' head (with a notice when SPEC declares another)
    std::optional<double> b;            ///< unset: 2 (B is not in the weights)
    std::optional<int64_t> maxOut;      ///< unset: from the weights' shapes
    std::optional<double> logitBias;    ///< unset: -log(999), the zoo's
};

/// The zoo model `request.arch` names with the weights of `origin` (keys as stored in the zoo file):
/// architecture, B, MaxOut, logit bias, B-cos-v2's preprocessing (resize 256, 232 for the long-schedule
/// entries, centre crop 224, [x, 1-x] without mean/std) and, for 1000 classes, our ImageNet class names.
/// Error{InvalidArgument} naming the spec when it is neither a zoo name nor a bcosv2_* architecture; the
/// weights are checked when the network is opened (openRecognizedModel). `notice` gets the class-count line.
RecognizedModel importBcosV2(const TensorMap &weights, const BcosV2ImportRequest &request, const std::string &origin,
                             std::string *notice = nullptr);

/// Recognises the weights of `origin` by key layout and tensor shapes (and the published file name when the
/// layout alone is ambiguous); std::nullopt for anything else (torchvision weights need --arch).
std::optional<RecognizedModel> recognizeWeights(const WeightsFile &weights, const std::string &origin);

/// Loads `path` (any format loadWeightsFile() reads; nothing in it is executed) and recognises it.
/// Std::nullopt when the file is readable but not a recognised model; Error{Io|Format} when unreadable.
std::optional<RecognizedModel> recognizeModelFile(const std::filesystem::path &path);

/// True when `path` is a torch.save zip archive (.pth / .ckpt) that recognizeModelFile() opens; false for
/// anything else, unreadable files included (the loader reports those). Reads the pickle, not the tensors' bytes.
bool isRecognizedModelFile(const std::filesystem::path &path);

/// Whether `path` starts like a zip archive ("PK\3\4"): a torch.save / Lightning file, not our safetensors.
bool isZipArchive(const std::filesystem::path &path);

/// The network of a recognised file, weights loaded strictly (Error{Mismatch} naming the file), in eval mode.
Network openRecognizedModel(const RecognizedModel &model);

/// One line describing a recognised file, e.g. "B-cos-v2 zoo model resnet_18 (bcosv2_resnet, 1000 classes, B=2)".
std::string describeRecognizedModel(const RecognizedModel &model);

} // namespace bcos::core

namespace bcos::core {

/// The class count a checkpoint's classifier head was trained for: the rows of its last layer
/// (fc / classifier / linear_head.linear, plain or B-cos, behind "module." / "model." / "state_dict." prefixes);
/// std::nullopt when no known head is found.
std::optional<int64_t> inferNumClasses(const TensorMap &weights);

/// `--num-classes` for a command: `given` when set; otherwise the weights' head size (inferNumClasses()) when
/// `archSpec` (a preset or JSON file) declares another count, with a one-line `notice` for the user.
std::optional<int64_t> numClassesFor(const std::string &archSpec, std::optional<int64_t> given,
                                     const TensorMap &weights, std::string *notice);

} // namespace bcos::core
