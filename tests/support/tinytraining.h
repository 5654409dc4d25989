#pragma once
// Small trainings for the trainer's tests: a tiny CNN, and the run the CUDA-graph tests make on the CPU with a
// stand-in for the graph (tests/train/cudagraphs_test.cpp) and on a GPU with real graphs (tests/cuda/cudagraph_test.cpp).

#include "core/data/dataset.h"
#include "core/models/network.h"
#include "core/train/trainoptions.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace bcos::test {

/// A simplecnn of widths 8, 8 with 4 classes (B-cos or standard), its weights drawn after torch::manual_seed(seed).
core::Network tinyTrainingNetwork(bool bcos, uint64_t seed);
/// The CUDA-graph tests' network: tinyTrainingNetwork(true, 21).
core::Network graphTestNetwork();
/// 88 colour images of 4 classes: at batch 16, five full batches and one of 8 per epoch.
std::shared_ptr<core::Dataset> graphTestData();
/// scratch, 2 epochs, batch 16, Adam lr 1e-2 (cosine schedule), seed 7, logged every 2 steps, 2 loader workers,
/// writing to `run`.
core::TrainOptions tinyTrainingOptions(const std::filesystem::path &run);
/// tinyTrainingOptions() with seed 5, logged at every step, on `device`.
core::TrainOptions graphTestOptions(const std::filesystem::path &run, const std::string &device);

} // namespace bcos::test
