#pragma once

#include "core/io/tensormap.h"
#include "core/models/clipimage.h"
#include "core/models/modeldescription.h"
#include "core/train/trainer.h"

#include <filesystem>
#include <string>

namespace bcos::core {

/// A CLIP distillation set-up (B-cosification paper, Sec. 5.3): the original CLIP image encoder (teacher,
/// frozen) and its B-cosified, attention-unpooled copy (student), plus what is needed to write the student as a
/// CLIP model file that `bcos localize` and the studio load.
struct ClipDistillation {
    ClipModifiedResNet teacher{nullptr}; ///< standard encoder, eval mode, no gradients
    ClipModifiedResNet student{nullptr}; ///< B-cosified encoder, initialised from the teacher's weights
    ModelDescription description;        ///< the student's (family clip_resnet, B-cos, CLIP preprocessing)
    TensorMap textTower;                 ///< the text tower's tensors from the source file (may be empty)

    /// The trainer's task: teacher(CLIP-normalised images) [B, D] vs. student([x, 1-x]) unit tokens [L, B, D];
    /// images [B, 3, H, W] in [0, 1] with H = W = the architecture's input_resolution.
    ClipDistillTask task();
    /// Writes the student as a model file: tensors "model.<key>" (+ "text.<key>" for the text tower), metadata
    /// "bcos.model" = description. Atomic.
    void save(const std::filesystem::path &path) const;
};

/// Builds teacher and student from standard CLIP weights: an image-encoder state dict with OpenAI keys, bare or
/// under "visual." (a whole OpenAI CLIP state dict: text-tower keys are kept aside for save()).
/// `arch` is a clip_resnet architecture (ClipResNetOptions JSON); `bcos` the student's settings (enabled is
/// forced on). Throws Error naming `origin` for missing/unexpected keys or shape mismatches.
ClipDistillation makeClipDistillation(const nlohmann::json &arch, const TensorMap &weights, BcosSettings bcos,
                                      const std::string &origin);

} // namespace bcos::core
