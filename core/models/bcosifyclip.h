#pragma once

#include "core/io/tensormap.h"
#include "core/models/modeldescription.h"

namespace bcos::core {

struct ClipResNetOptions;

/// Converts an OpenAI CLIP ModifiedResNet state dict (keys as in CLIP's `visual.*` without the prefix) into the
/// state dict of the B-cosified, unpooled encoder (bcosify.py with clip_kd and attn_unpool, BnUncV2):
/// conv weights move to <name>.linear.weight unchanged, conv1 becomes [W, -W] / 2 over input channels,
/// downsample.{0,1} (conv, BN) become downsample.{1,2}, BN keeps weight/running stats (num_batches_tracked 0),
/// attnpool keeps v_proj.weight (plain) and c_proj -> c_proj.linear.weight; k/q_proj and the positional
/// embedding are dropped. With settings.keepBiases the v/c_proj biases are kept and BN biases are folded:
/// beta - running_mean * gamma / sqrt(running_var + 1e-5). Throws Error{Mismatch} naming a missing key.
TensorMap bcosifyClipWeights(const ClipResNetOptions &options, const TensorMap &standard, const BcosSettings &settings);

} // namespace bcos::core
