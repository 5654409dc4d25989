#include "bcosv2layers.h"

#include "core/models/archfields.h"
#include "core/nn/batchnormuncentered.h"
#include "core/nn/positionnorm.h"

#include <torch/torch.h>

namespace bcos::core {

BcosV2Norm BcosV2Norm::fromFields(const ArchFields &fields, const std::string &fallbackKind)
{
    BcosV2Norm norm;
    norm.kind = fields.choice("norm", {"bnu", "pn"}, fallbackKind);
    norm.eps = fields.nonNegative("norm_eps", norm.kind == "pn" ? 1e-6 : 1e-5);
    return norm;
}

void BcosV2Norm::addTo(nlohmann::json &arch) const
{
    arch["norm"] = kind;
    arch["norm_eps"] = eps;
}

BcosSettings bcosV2Settings(BcosSettings settings)
{
    settings.normedWeights = true;
    settings.keepBiases = false; // the zoo's layers have no biases
    return settings;
}

BcosV2Layers::BcosV2Layers(const BcosSettings &settings, BcosV2Norm norm)
    : m_settings(bcosV2Settings(settings))
    , m_norm(std::move(norm))
{
}

BcosConv2d BcosV2Layers::conv(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding,
                              int64_t groups) const
{
    BcosConv2dOptions options;
    options.inChannels = in;
    options.outChannels = out;
    options.kernelSize = kernel;
    options.stride = stride;
    options.padding = padding;
    options.groups = groups;
    options.b = m_settings.b;
    options.maxOut = m_settings.maxOut;
    options.learnB = m_settings.learnB;
    options.unitNorm = true;
    return BcosConv2d(options);
}

torch::nn::AnyModule BcosV2Layers::norm(int64_t channels) const
{
    if (m_norm.kind == "pn") {
        DetachablePositionNorm2dOptions options;
        options.numFeatures = channels;
        options.eps = m_norm.eps;
        return torch::nn::AnyModule(DetachablePositionNorm2d(options));
    }
    BatchNormUncentered2dOptions options;
    options.numFeatures = channels;
    options.eps = m_norm.eps;
    return torch::nn::AnyModule(BatchNormUncentered2d(options));
}

at::Tensor globalAveragePool(const at::Tensor &maps) { return maps.mean({2, 3}); }

} // namespace bcos::core
