#pragma once
// The small training that the CUDA-graph tests run, on the CPU with a stand-in for the graph
// (tests/train/cudagraphs_test.cpp) and on a GPU with real graphs (tests/cuda/cudagraph_test.cpp).

#include "core/data/dataset.h"
#include "core/models/network.h"
#include "core/train/trainoptions.h"

#include <filesystem>
#include <memory>
#include <string>

namespace bcos::test {

/// A B-cos CNN (simplecnn widths 8, 8; 4 classes), seeded.
core::Network graphTestNetwork();
/// 88 colour images of 4 classes: at batch 16, five full batches and one of 8 per epoch.
std::shared_ptr<core::Dataset> graphTestData();
/// scratch, 2 epochs, batch 16, Adam lr 1e-2 (cosine schedule), seed 5, logged at every step, on `device`.
core::TrainOptions graphTestOptions(const std::filesystem::path &run, const std::string &device);

} // namespace bcos::test
