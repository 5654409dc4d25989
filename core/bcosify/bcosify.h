#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"
#include "core/models/network.h"

#include <string>

namespace bcos::core {

/// A standard (non-B-cos) network: builds `description` with bcos.enabled = false and loads `weights`
/// (torchvision keys; wrapper prefixes such as "module." are removed). Throws Error{Mismatch} with a readable
/// diff when the weights do not fit (`origin` names their file). Returned in eval mode.
Network loadStandardNetwork(const ModelDescription &description, const TensorMap &weights,
                            const std::string &origin = "the standard weights");

/// B-cosifies a standard network as the reference's BcosifyNetwork and experiment model do: the network of
/// `standard` with `standardWeights` becomes a B-cos network with `settings` (enabled is forced on), its
/// weights converted by the family's bcosifyWeights (first conv [W, -W] / 2, unnormalised weights, uncentered
/// norms, classifier as a 1x1 B-cos conv before pooling, biases folded or removed per keepBiases, max-pool ->
/// AvgPool2d(3, 2, 1) unless keepMaxPool) and the logit bias settings.logitBias. Input encoding [x, 1-x] and
/// the in-model normalisation (mean 0 if meanFree) come from NetworkImpl. Returned in eval mode.
/// Throws Error{Mismatch} (weights do not fit `standard`), Error{Format} (bad architecture).
Network bcosify(const ModelDescription &standard, const TensorMap &standardWeights, const BcosSettings &settings,
                const std::string &origin = "the standard weights");

} // namespace bcos::core
