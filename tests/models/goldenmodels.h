#pragma once

#include "core/models/modeldescription.h"
#include "core/models/network.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"

#include <functional>
#include <string>

namespace bcos::test {

/// The golden CNN cases (torchvision ResNet BasicBlock / Bottleneck, DenseNet).
inline const char *const kCnnCases[] = {"resnet_basic", "resnet_bottleneck", "densenet"};

/// The standard model of a golden case: its "arch" with ImageNet preprocessing.
core::ModelDescription goldenStandardDescription(const GoldenCase &golden);

/// The case's B-cosification settings: B, the logit bias, max-out and gap_reorder from its JSON (defaults where it
/// has none), no biases, avg-pool.
core::BcosSettings goldenBcosSettings(const GoldenCase &golden);

/// The case's standard network with its standard weights (eval mode).
core::Network goldenStandardNetwork(const GoldenCase &golden);

/// The case's standard weights B-cosified with `settings` (eval mode).
core::Network goldenBcosNetwork(const GoldenCase &golden, const core::BcosSettings &settings);

} // namespace bcos::test
