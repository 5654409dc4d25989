#pragma once

#include "core/models/family.h"
#include "core/models/modeldescription.h"
#include "core/nn/bcosconv2d.h"

#include <nlohmann/json.hpp>
#include <torch/nn/modules/container/any.h>

#include <string>

namespace bcos::core {

class ArchFields;

/// The normalisation layer a B-cos-v2 CNN is built with (`norm_layer` of the zoo config, always `NoBias`).
struct BcosV2Norm {
    std::string kind = "bnu"; ///< "bnu": BatchNormUncentered2d; "pn": DetachablePositionNorm2d
    double eps = 1e-5;

    /// Fields "norm" ("bnu"|"pn") and "norm_eps" (default 1e-5 for bnu, 1e-6 for pn).
    static BcosV2Norm fromFields(const ArchFields &fields, const std::string &fallbackKind);
    void addTo(nlohmann::json &arch) const;
};

/// Builds the layers of B-cos-v2's own models (bcos/modules): `BcosConv2d` with `NormedConv2d` weights
/// (our BcosConv2d with unitNorm, key "<name>.linear.weight", never a bias; B and MaxOut from the settings)
/// and the `NoBias` norms. One factory per network, shared by the CNN families.
class BcosV2Layers {
public:
    BcosV2Layers(const BcosSettings &settings, BcosV2Norm norm);

    /// A B-cos conv [N, in, H, W] -> [N, out, H', W'].
    BcosConv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = 0,
                    int64_t groups = 1) const;
    /// The network's norm over `channels` channels (keys weight [+ running stats for bnu]).
    torch::nn::AnyModule norm(int64_t channels) const;
    const BcosSettings &settings() const { return m_settings; }

private:
    BcosSettings m_settings;
    BcosV2Norm m_norm;
};

/// The B-cos settings a B-cos-v2 family builds with: `settings` with unit-norm weights switched on.
BcosSettings bcosV2Settings(BcosSettings settings);

/// Applies a classifier map [N, K, h, w] -> global average pool -> [N, K] (the zoo classifies before pooling).
at::Tensor globalAveragePool(const at::Tensor &maps);

} // namespace bcos::core
