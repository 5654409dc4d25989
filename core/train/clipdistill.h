#pragma once

#include "core/io/tensormap.h"
#include "core/models/clipimage.h"
#include "core/models/clipmodelfile.h"
#include "core/train/trainer.h"

#include <filesystem>
#include <string>

namespace bcos::core {

/// A CLIP distillation set-up (B-cosification paper, Sec. 5.3): the original CLIP image encoder (teacher,
/// frozen) and its B-cosified, attention-unpooled copy (student), which is saved as a CLIP model file that
/// `bcos localize` and the studio load.
struct ClipDistillation {
    ClipModifiedResNet teacher{nullptr}; ///< standard encoder, eval mode, no gradients
    ClipModel student;                   ///< B-cosified from the teacher's weights (+ the source's text tower, if any)

    /// The trainer's task: teacher(CLIP-normalised images) [B, D] vs. student.image([x, 1-x]) unit tokens
    /// [L, B, D]; images [B, 3, H, W] in [0, 1] with H = W = the architecture's input_resolution.
    ClipDistillTask task();
    /// Writes the student as a CLIP model file (saveClipModel).
    void save(const std::filesystem::path &path) const;
};

/// Builds teacher and student from standard CLIP weights (key rules of buildClipModel: image keys bare or under
/// "visual.", an OpenAI text tower is carried along). `arch` is a clip_resnet architecture (ClipResNetOptions
/// JSON); `bcos` the student's settings (enabled is forced on). Throws Error naming `origin` for missing or
/// unexpected keys and shape mismatches.
ClipDistillation makeClipDistillation(const nlohmann::json &arch, const TensorMap &weights, BcosSettings bcos,
                                      const std::string &origin);

} // namespace bcos::core
