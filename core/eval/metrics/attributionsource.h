#pragma once

#include "core/explain/explainer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcos::core {

/// The attributions a metric evaluates: a method of core/explain, or random maps, the floor that every method
/// has to beat.
struct AttributionSource {
    std::optional<ExplainMethod> method; ///< nullopt: random maps
};

/// "random" or explainMethodName().
std::string attributionSourceName(const AttributionSource &source);
/// Inverse of attributionSourceName(); throws Error{InvalidArgument} "unknown attribution method 'x' (expected
/// random, wxx, gradcam, ...)".
AttributionSource parseAttributionSource(std::string_view name);
/// "random" and every explanation method, in menu order.
std::vector<std::string> attributionSourceNames();

/// Random maps: U(0, 1) [B, H, W] per image, drawn image after image from one generator seeded with `seed`, so a
/// pass over a dataset in order gives the same maps whatever the batch size. Independent of the model and target
/// (a random ranking for deletion, insertion and ROAD).
BatchExplainer randomExplainer(uint64_t seed);

/// The BatchExplainer of `source`: methodExplainer(network, method, settings) or randomExplainer(seed).
BatchExplainer sourceExplainer(NetworkImpl &network, const AttributionSource &source, const ExplainRequest &settings,
                               uint64_t seed);

} // namespace bcos::core
