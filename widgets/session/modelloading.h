#pragma once

#include "core/models/modeldescription.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bcos::core {
class NetworkImpl;
struct ClipModel;
}

namespace bcos::widgets {

/// The architecture the user picked for foreign weights (.pth/.pt/.ckpt or safetensors without our metadata).
struct ArchitectureSpec {
    std::string preset = "resnet50";   ///< resnet18..152, densenet121..201, vit, clip_rn50 (OpenAI CLIP ResNets)
    std::optional<int64_t> numClasses;  ///< unset: the weights' classifier head decides (LoadedModel::notice says so)
    core::Preprocessing preprocessing;  ///< ImageNet, CLIP or custom mean/std
    std::string labelsFile;             ///< one class name per line; empty = "class <k>"
    std::vector<std::string> classNames; ///< read from labelsFile by the dialog
};

/// What Document::loadModel hands to the loader (on a worker thread).
struct ModelLoadRequest {
    std::string path;
    std::optional<ArchitectureSpec> architecture; ///< set for foreign weights
    /// Where a classifier network or a CLIP image encoder runs ("cpu", "cuda:0"; core::resolveDevice's names); a
    /// CLIP text tower stays on the CPU.
    std::string device = "cpu";
};

/// A loaded model; the network is ready for inference (eval mode) on the request's device. A CLIP model has no
/// classifier network (null) but `clip` (B-cos image encoder + optional text tower) for text-prompt localisation.
struct LoadedModel {
    std::shared_ptr<core::NetworkImpl> network;
    std::shared_ptr<core::ClipModel> clip;
    core::ModelDescription description;
    std::string path;      ///< the file it came from ("<file> (B-cosified, B=2)" for a conversion)
    std::string notice;    ///< the core loader's one-line notice (class count from the weights, published model)
    /// Held by every worker that runs the network: explanation mode and autograd state are per module.
    std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
};

/// The seam the core's model-file loader plugs into (set in main()). Runs on a worker thread; throws
/// core::Error with a message naming the file on failure.
using ModelLoader = std::function<LoadedModel(const ModelLoadRequest &)>;

/// True for files that hold foreign (non B-cos Studio) weights and need an ArchitectureSpec
/// (core::needsArchitecture: .pth/.pt/.ckpt other than B-cos-v2 zoo files and B-cosification releases, which open
/// as they are, and .safetensors without our model metadata unless it is a CLIP
/// model file; only the header is read).
bool needsArchitecture(const std::string &path);
/// True for any model-file extension we accept (core::hasModelFileExtension: .safetensors, .pth, .pt, .ckpt).
bool isModelFile(const std::string &path);

/// The core's loader (the studio's ModelLoader): core::loadModelFile, the one loader `bcos` uses too: our model
/// files, CLIP model files, foreign weights with the ArchitectureSpec (preset "clip_rn50": OpenAI's CLIP ResNet,
/// B-cosified on load). Throws core::Error{InvalidArgument} for foreign weights without an ArchitectureSpec and
/// the loader's errors (Format "no weight tensors found", Mismatch with the readable key diff when the weights
/// do not fit the chosen architecture). Worker threads only.
LoadedModel loadModelWithCore(const ModelLoadRequest &request);

/// Moves a loaded model to `device` (core::resolveDevice's names): a classifier's network, or a CLIP model's image
/// encoder (its text tower stays on the CPU). Throws core::Error{InvalidArgument} for a device this machine lacks.
/// The caller holds the model's mutex (or is its only user). Worker threads only.
void moveLoadedModel(LoadedModel &model, const std::string &device);

/// B-cosifies a loaded standard model (core::bcosify with `settings`; enabled is forced on); the original is
/// left untouched. Throws core::Error{InvalidArgument} for a B-cos model. Worker threads only.
LoadedModel bcosifyLoadedModel(const LoadedModel &standard, const core::BcosSettings &settings);

} // namespace bcos::widgets
