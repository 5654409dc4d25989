#pragma once

#include <ATen/core/Tensor.h>

namespace bcos::core {

class NetworkImpl;

/// The dynamic linear explanation of a B-cos network (B-cos v2 `explain()`, batched).
struct WxxResult {
    at::Tensor logits;         ///< [N, K], logit bias included (normal-mode forward values)
    at::Tensor targets;        ///< [N] int64, the explained classes
    at::Tensor dynamicWeights; ///< [N, 6, H, W]: W(x) = d logit_target / d image6, in explanation mode
    at::Tensor contributions;  ///< [N, H, W]: sum over the 6 channels of W(x) * image6
};

/// Explains `targets` (or the argmax classes when undefined) of a B-cos network for `images` [N, 3, H, W] in
/// [0, 1]: image6 = [x, 1-x] is fed in explanation mode (dynamic factors detached) and the sum of the selected
/// logits is backpropagated once; samples are independent (eval mode), so each row of the gradient is that
/// sample's W(x). The network is put in eval mode for the call and restored afterwards.
/// Note sum(W * image6) differs from logit - logit_bias by sum(W * mean6) because the model normalises image6
/// with a non-zero mean (zero when meanFree). Throws Error{InvalidArgument} for a standard network, bad shapes
/// or targets out of range.
/// On a GPU with wxxGraphsEnabled() (core/explain/wxxgraphs.h), the pass is replayed as a CUDA graph
/// (wxxGraphsOf(network)).
WxxResult explainWxx(NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets = {});

namespace detail {
/// explainWxx()'s checks of the network and the images.
void checkWxxInputs(const NetworkImpl &network, const at::Tensor &images);
/// The device and type the pass feeds the network: its parameters' (the images' when it has none).
at::TensorOptions wxxInputOptions(NetworkImpl &network, const at::Tensor &images);
/// `targets` checked as explainWxx() checks them (integers [N] in [0, classes)), as int64 on the CPU; undefined stays
/// undefined.
at::Tensor checkedWxxTargets(const at::Tensor &targets, int64_t n, int64_t classes);
/// The pass of explainWxx() after checkWxxInputs(): `targets` undefined (the argmax classes), checked after the
/// forward pass against the logits' classes (`checkTargets`), or already checked, int64 [N] on the network's device
/// (then nothing in the pass waits for the device: a CUDA graph can capture it).
WxxResult wxxPass(NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets, bool checkTargets);
} // namespace detail

} // namespace bcos::core
