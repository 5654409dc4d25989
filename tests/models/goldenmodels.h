#pragma once

#include "core/models/modeldescription.h"
#include "core/models/network.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"

#include <functional>
#include <string>
#include <vector>

namespace bcos::test {

/// The golden CNN cases (torchvision ResNet BasicBlock / Bottleneck, DenseNet).
inline const char *const kCnnCases[] = {"resnet_basic", "resnet_bottleneck", "densenet"};

/// The standard model of a golden case: its "arch" with ImageNet preprocessing.
core::ModelDescription goldenStandardDescription(const GoldenCase &golden);

/// The case's B-cosification settings: B, the logit bias, max-out and gap_reorder from its JSON (defaults where it
/// has none), no biases, avg-pool.
core::BcosSettings goldenBcosSettings(const GoldenCase &golden);

/// `bcos convert` options that B-cosify as the case did: --b, --max-out and --logit-bias of goldenBcosSettings()
/// (each double as its shortest round-trip text).
std::vector<std::string> goldenConvertOptions(const GoldenCase &golden);

/// The case's standard network with its standard weights (eval mode).
core::Network goldenStandardNetwork(const GoldenCase &golden);

/// The case's standard weights B-cosified with `settings` (eval mode).
core::Network goldenBcosNetwork(const GoldenCase &golden, const core::BcosSettings &settings);

} // namespace bcos::test
