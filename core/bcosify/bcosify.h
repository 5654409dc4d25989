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

/// The layers bcosify() replaces in a standard network, by what they were.
struct BcosifyChanges {
    int convolutions = 0; ///< Conv2d -> BcosConv2d (the first one also takes [x, 1-x]: 6 input channels)
    int linears = 0;      ///< Linear -> BcosLinear, or the classifier -> a 1x1 BcosConv2d before pooling
    int norms = 0;        ///< BatchNorm2d/LayerNorm/GroupNorm -> uncentered (bias-free) or detachable norms
    int pools = 0;        ///< MaxPool2d -> AvgPool2d(3, 2, 1); none with keepMaxPool
    int other = 0;        ///< any other layer whose type changes (attention, activations, other pools)
    int total() const { return convolutions + linears + norms + pools + other; }
};

/// What bcosify(`standard`, ..., `settings`) changes, counted from the networks themselves: both versions of
/// `standard`'s architecture are built (standard, and B-cos with `settings`; fresh weights) and walked child
/// by child in registration order (a family builds its layers in the same order in either mode; the names
/// may differ); a standard leaf layer counts when the B-cos network has a module of another type in its
/// place; where the children differ in number they are paired by name, and every layer of a standard child
/// the B-cos network lacks counts (ResNet's avgpool). Building costs about one model initialisation (milliseconds for
/// the demo, up to a second for ResNet-50): run it off the GUI thread. Throws Error{InvalidArgument} for a
/// B-cos `standard`, Error{Format} for a bad architecture.
BcosifyChanges countBcosifyChanges(const ModelDescription &standard, const BcosSettings &settings);

} // namespace bcos::core
