#pragma once

#include "core/eval/metrics/metricinput.h"
#include "core/explain/explainer.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace bcos::core {

struct RandomisationOptions {
    /// Similarities are measured after stages of the cascade: 0 after every layer, S > 0 after
    /// round(s L / S) layers for s = 1..S (S = 1: only the fully randomised model).
    int64_t stages = 0;
    uint64_t seed = 0;      ///< the random weights of the l-th layer from the top depend on (seed, l) only
    bool absolute = true;   ///< compare |a| (Adebayo et al. show both; Quantus' default) or the signed maps
    int64_t batchSize = 64; ///< images per explainer call
};

struct RandomisationResult {
    std::vector<std::string> layers; ///< the randomised layers, top (output) first: the cascade's order
    at::Tensor layerCounts;          ///< [S] int64: how many of `layers` are randomised at each stage
    at::Tensor similarity;           ///< [N, S] double: Spearman's rho of the original and the randomised map
};

/// The weights the cascade randomises: modules of `model` owning a parameter "weight" of at least 2 dimensions
/// (convolutions, linear layers; norms and biases stay), in reverse registration order, i.e. from the output
/// towards the input for the sequential families (as named by named_modules()).
std::vector<std::string> randomisableLayers(torch::nn::Module &model);

/// Throws Error{InvalidArgument} "model randomisation: ..." for stages < 0 or a batch size < 1.
void checkRandomisationOptions(const RandomisationOptions &options);

/// Cascading model-parameter randomisation (Adebayo, Gilmer, Muelly, Goodfellow, Hardt, Kim, "Sanity Checks for
/// Saliency Maps", NeurIPS 2018, section 3.1): the layers' weights are replaced one after another, from the top,
/// by Gaussian noise with each layer's own mean and standard deviation, and at each stage s the explanation of
/// the same targets is compared with the original:
///     rho_{n,s} = Spearman(a_n(theta), a_n(theta_s))   (spearmanCorrelation(), of |a| by default).
/// A map that depends on the model falls towards 0; one that stays near 1 is insensitive to the weights it claims
/// to explain (the paper's edge-detector failure). `explainer` must explain with `model` (e.g. methodExplainer()
/// of the network) and return maps [B, H, W]; images [N, 3, H, W], targets [N] are explained in chunks of
/// options.batchSize. The weights are restored before returning, also on errors and cancellation. Throws
/// Error{InvalidArgument} for a model without randomisable layers or an all-zero original map; `progress` counts
/// explained chunks and may cancel.
RandomisationResult modelRandomisation(torch::nn::Module &model, const BatchExplainer &explainer,
                                       const at::Tensor &images, const at::Tensor &targets,
                                       const RandomisationOptions &options, const MetricProgress &progress = {});

} // namespace bcos::core
