#pragma once

#include "core/bcosify/bcosify.h"
#include "core/data/dataset.h"
#include "core/models/modelfile.h"
#include "core/train/trainer.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bcos::cli {

/// What --arch names: simplecnn[:W1,W2,...], or a model-zoo preset / architecture JSON file.
struct ArchSpec {
    std::string text;   ///< as given (empty: take the architecture from the --weights model file)
    std::string family; ///< "simplecnn" or "" (model zoo)
    std::vector<int64_t> widths;
    int64_t numClasses = 0;
    core::BcosSettings bcos; ///< B, logit bias, ... for bcosify and scratch (enabled is set per mode)
};

/// Parses --arch; throws UsageError for a malformed simplecnn width list.
ArchSpec parseArch(const std::string &text);

/// Where `bcos train` turns (mode, --arch, --weights) into core::buildTrainingNetwork's spec (the studio's
/// trainer builds its network there too): pretrain: the standard network of --arch (simplecnn or the model
/// zoo), optionally from --weights; bcosify: --weights (standard) B-cosified with the B-cos settings; scratch:
/// a fresh B-cos network. The network's provenance records the command; it is returned in training mode.
core::Network buildNetworkFor(core::TrainMode mode, const ArchSpec &arch, const std::filesystem::path &weights);

/// --mode distill: the teacher is the standard network of --weights (one of our model files, or a state dict of
/// --arch), the student its B-cosified copy (core::buildDistillation). The class count is the model file's, else
/// `numClasses` (--num-classes), else the weights' classifier head, else the data's labels. Throws UsageError /
/// core::Error naming the file for a missing or unfitting teacher.
core::DistillTask buildDistillationFor(const ArchSpec &arch, const std::filesystem::path &weights,
                                      const core::Dataset &data, std::optional<int64_t> numClasses);

/// The non-empty lines of a class names file. Throws Error{Io} naming the file when it cannot be read.
std::vector<std::string> readClassNames(const std::string &path);

/// Stores what the network was trained on in its description: class names (the dataset's, or one per line
/// of `classNamesFile`; a dataset without names keeps the description's when their count fits) and the input
/// geometry (the crop side, or the dataset's native size), so that predict/explain prepare images the way training did.
void recordDataDescription(core::ModelDescription &description, const core::Dataset &data, int64_t imageSize,
                           const std::optional<std::string> &classNamesFile);

} // namespace bcos::cli
