#pragma once

#include <cstdint>
#include <string>

namespace bcos::core {

/// The B-cos settings of a network (all knobs of the B-cosification paper).
struct BcosSettings {
    bool enabled = false;      ///< false: a standard network
    double b = 2.0;            ///< alignment exponent B
    bool keepBiases = false;   ///< keep (folded) biases instead of removing them
    double logitBias = -6.906754778648554; ///< -log(1000 - 1), added to the logits (reference default)
    bool meanFree = false;     ///< normalise [x, 1-x] with mean 0: exactly dynamic-linear in the raw input
    int64_t maxOut = 1;        ///< MaxOut units per B-cos layer
    bool learnB = false;       ///< B as a trainable parameter (ablation)
    bool keepMaxPool = false;  ///< keep max-pooling (only sensible with B=1 checks)
    bool gapReorder = true;    ///< ViT: head per token, then mean over tokens
    /// B-cos-v2 NormedConv2d/NormedLinear: unit-norm weights in forward. Set by the bcosv2 families when they
    /// build (not stored in model files: the family implies it).
    bool normedWeights = false;
};

/// What makes `settings` unusable for a B-cos network, in words ("" when nothing, and always for a standard network):
/// B not finite or below 1, max-out below 1, a logit bias that is not finite.
std::string bcosSettingsProblem(const BcosSettings &settings);

} // namespace bcos::core
