#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bcos::core {

struct ClipModel;

/// What foreign weights (a torchvision-style state dict, OpenAI's CLIP) are: the front end asks the user
/// (the studio's architecture dialog) or reads it from the command line (`--arch`, `--num-classes`).
struct ForeignArchitecture {
    std::string spec;                     ///< a preset ("resnet50"), an architecture JSON file, or "clip_rn50"
    std::optional<int64_t> numClasses;    ///< overrides the architecture's num_classes; unset: the weights' head
    Preprocessing preprocessing;          ///< how images are prepared for these weights
    std::vector<std::string> classNames;  ///< may be empty (then "class <k>")
};

/// A model file to load: our model file (a classifier or a CLIP model), or foreign weights with their
/// architecture.
struct ModelFileRequest {
    std::filesystem::path path;
    std::optional<ForeignArchitecture> architecture; ///< set: `path` holds foreign weights of this architecture
    bool acceptClip = true; ///< false: a CLIP model file is read as a classifier (loadModel refuses it)
    bool requireClip = false; ///< true: the file must be a CLIP model (loadClipModel's errors say why not)
};

/// A loaded model, in eval mode on the CPU: a classifier `network`, or (CLIP) `clip` with a null network.
struct LoadedModelFile {
    Network network{nullptr};
    std::shared_ptr<ClipModel> clip;
    ModelDescription description;
    std::string notice; ///< one line for the user, e.g. the class count taken from the weights' head; may be empty
};

/// Every weight tensor of a foreign file in any format loadWeightsFile() reads (safetensors, torch.save .pth/.pt,
/// Lightning .ckpt, TorchScript). Throws Error{Format} "<path>: no weight tensors found (<format> file)" when it
/// holds none, and the reader's errors otherwise.
TensorMap readForeignWeights(const std::filesystem::path &path);

/// True for files that hold foreign (non B-cos Studio) weights and need a ForeignArchitecture: .pth/.pt/.ckpt
/// unless they are a published B-cos model (a B-cos-v2 zoo file, a B-cosification release: isRecognizedModelFile,
/// reads the pickle only), and readable .safetensors without our model metadata unless it is a CLIP model file
/// (reads only the header).
bool needsArchitecture(const std::filesystem::path &path);

/// True for any model-file extension we accept (.safetensors, .pth, .pt, .ckpt; case-insensitive).
bool hasModelFileExtension(const std::filesystem::path &path);

/// The one model-file loader of `bcos` and the studio:
/// - without an architecture: a CLIP model file via loadClipModel (when acceptClip); a torch.save archive
///   (.pth/.ckpt) that is a published B-cos model (B-cos-v2 zoo file, B-cosification release; recognizeModelFile)
///   with its recognised architecture, B, preprocessing and class names (Error{Format} naming the file for an
///   archive that is none of them); anything else via loadModel (our model file; its errors name the file and
///   what is wrong);
/// - with an architecture: "clip_rn50" builds OpenAI's CLIP ResNet (.pt archive or state dict; the shapes give
///   RN50, RN101..., inferClipArchitecture) B-cosified on load with B = 2, its input size from the weights and
///   the text tower kept; any other spec resolves the architecture (resolveArchitecture) and loads the weights
///   of readForeignWeights() into the standard network (loadStandardNetwork; Error{Mismatch} with the readable
///   key diff when they do not fit). Without numClasses the class count is the weights' head (numClassesFor),
///   with a `notice` when it differs from the architecture's. The description's provenance records the weights and the spec.
LoadedModelFile loadModelFile(const ModelFileRequest &request);

} // namespace bcos::core
