#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"

#include <functional>
#include <string>

namespace torch::nn {
class Module;
}

namespace bcos::core {

struct VitOptions;

/// Converts a standard SimpleViT / ViT-C state dict (reference keys) into the B-cosified model's state dict
/// (bcosify_vit.py): Linear/Conv weights move to <name>.linear.weight unchanged (not unit-normalised),
/// to_qkv stays plain, the first layer becomes [W, -W] / 2 (ViT-C: along the conv's input channels; SimpleViT:
/// per pixel in (p1 p2 c) order), and biases (linear, conv, LayerNorm, GroupNorm) are kept only when
/// settings.keepBiases. Throws Error{Mismatch} naming a missing or misshapen standard key.
TensorMap bcosifyVitWeights(const VitOptions &options, const TensorMap &standard, const BcosSettings &settings);

/// Shared helper of the ViT and CLIP conversions: fills the state dict of an already built B-cos module from
/// standard weights. A key "<P>.linear.<x>" of a BcosLinear/BcosConv2d at P comes from "<P>.<x>"; any other
/// key K from sourceKey(K) (identity when null); num_batches_tracked is 0 and a learnt "b" starts at
/// settings.b. Throws Error{Mismatch} naming the missing standard key and the B-cos key that needs it.
TensorMap transferToBcos(const torch::nn::Module &bcosModel, const TensorMap &standard, const BcosSettings &settings,
                         const std::function<std::string(const std::string &)> &sourceKey = {});

} // namespace bcos::core
