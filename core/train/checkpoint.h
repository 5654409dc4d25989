#pragma once

#include <cstdint>
#include <filesystem>

namespace torch::nn {
class Module;
}
namespace torch::optim {
class Optimizer;
}

namespace bcos::core {

/// Where training stands: the next step to run is batch `batch` of epoch `epoch` (0-based);
/// `globalStep` optimisation steps were done.
struct TrainPosition {
    int64_t epoch = 0;
    int64_t batch = 0;
    int64_t globalStep = 0;
    uint64_t seed = 0; ///< the data seed: the epoch order and augmentation of a resumed run depend on it
    /// Images per optimisation step over all ranks (batch size x world size; 0: unknown, an older checkpoint).
    /// A run resumed with another world size maps `batch` and `globalStep` through it.
    int64_t globalBatch = 0;
};

/// Writes a resumable checkpoint atomically (temp file + rename): the module's parameters and buffers, the
/// optimizer state, the position and the CPU default generator's state (dropout etc.; the data order and
/// augmentation are functions of seed, epoch and index, so they need no state). LibTorch archive format.
/// Throws Error{Io} naming the file.
void saveCheckpoint(const std::filesystem::path &path, torch::nn::Module &module, torch::optim::Optimizer &optimizer,
                    const TrainPosition &position);

/// Restores what saveCheckpoint() wrote into an identically built module and optimizer. Throws Error{Io} when
/// the file is missing, Error{Format|Mismatch} naming the file when it does not fit. The caller compares the
/// returned seed with its own.
TrainPosition loadCheckpoint(const std::filesystem::path &path, torch::nn::Module &module,
                             torch::optim::Optimizer &optimizer);

} // namespace bcos::core
