#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"
#include "core/train/trainer.h"
#include "core/train/trainoptions.h"

#include <string>

namespace bcos::core {

/// Where the network of a training run comes from (B-cosification paper, Sec. 4).
struct TrainingNetworkSpec {
    TrainMode mode = TrainMode::Bcosify;
    /// The standard network: architecture (canonical or not), preprocessing and class names. Its bcos settings
    /// are ignored; `bcos` below gives them for Bcosify and Scratch.
    ModelDescription description;
    /// Bcosify: the standard weights (required); Pretrain: standard weights to start from (empty: fresh);
    /// Scratch: B-cos weights to start from (empty: fresh). Keys as loadStateDict() accepts them.
    TensorMap weights;
    std::string origin = "the standard weights"; ///< names `weights` in error messages (their file)
    BcosSettings bcos;                          ///< Bcosify and Scratch; `enabled` is set there
};

/// The one place where both front ends turn a training mode into a network:
/// - Bcosify (and Distill's student): bcosify(description, weights, bcos) — the standard network B-cosified;
/// - Pretrain: the standard network of `description`, with `weights` loaded when given (loadStandardNetwork);
/// - Scratch: a freshly initialised B-cos network of the architecture, `weights` loaded when given.
/// ClipDistill has no classifier network (makeClipDistillation) and throws Error{InvalidArgument}. Throws the
/// errors of bcosify / buildNetwork / loadStateDict (Mismatch with the key diff naming `origin`, Format for a
/// bad architecture). Fresh weights come from the current torch seed. Returned in training mode on the CPU.
Network buildTrainingNetwork(const TrainingNetworkSpec &spec);

/// Distill: the teacher is the standard network of `description` with `weights` (loadStandardNetwork, eval mode),
/// the student its B-cosified copy (buildTrainingNetwork, as Bcosify). Throws as buildTrainingNetwork does, and
/// Error{InvalidArgument} for another mode.
DistillTask buildDistillation(const TrainingNetworkSpec &spec);

} // namespace bcos::core
