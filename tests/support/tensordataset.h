#pragma once

#include "core/data/tensordataset.h"

#include <cstdint>
#include <memory>

namespace bcos::test {

using core::TensorDataset;

/// A learnable toy problem of `n` 8x8 images (seeded): noise in [0, 0.9); classes 0..2 add 0.1 to colour
/// channel k, class 3 adds nothing.
std::shared_ptr<core::Dataset> colourDataset(int64_t n, uint64_t seed);

} // namespace bcos::test
