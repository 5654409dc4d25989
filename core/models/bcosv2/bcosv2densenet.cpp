#include "bcosv2densenet.h"

#include "core/models/archfields.h"

#include <torch/torch.h>

namespace bcos::core {

/// One dense layer: conv2(norm2(conv1(norm1(cat(previous features))))), growth_rate new channels.
class BcosV2DenseLayerImpl : public torch::nn::Module {
public:
    BcosV2DenseLayerImpl(const BcosV2Layers &layers, int64_t in, int64_t growth, int64_t bnSize)
        : m_norm1(layers.norm(in))
        , m_norm2(layers.norm(bnSize * growth))
    {
        register_module("norm1", m_norm1.ptr());
        m_conv1 = register_module("conv1", layers.conv(in, bnSize * growth, 1));
        register_module("norm2", m_norm2.ptr());
        m_conv2 = register_module("conv2", layers.conv(bnSize * growth, growth, 3, 1, 1));
    }

    at::Tensor forward(const at::Tensor &input)
    {
        return m_conv2->forward(m_norm2.forward(m_conv1->forward(m_norm1.forward(input))));
    }

private:
    torch::nn::AnyModule m_norm1, m_norm2;
    BcosConv2d m_conv1{nullptr}, m_conv2{nullptr};
};

BcosV2DenseNetConfig BcosV2DenseNetConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"growth_rate", "block_config", "num_init_features", "bn_size", "num_classes", "norm", "norm_eps"});
    BcosV2DenseNetConfig c;
    c.growthRate = fields.positiveInt("growth_rate", c.growthRate);
    c.blockConfig = fields.positiveIntList("block_config", 0);
    c.numInitFeatures = fields.positiveInt("num_init_features", c.numInitFeatures);
    c.bnSize = fields.positiveInt("bn_size", c.bnSize);
    c.numClasses = fields.positiveInt("num_classes", c.numClasses);
    c.norm = BcosV2Norm::fromFields(fields, "bnu");
    return c;
}

nlohmann::json BcosV2DenseNetConfig::toJson() const
{
    nlohmann::json arch{{"family", "bcosv2_densenet"}, {"growth_rate", growthRate}, {"block_config", blockConfig},
                        {"num_init_features", numInitFeatures}, {"bn_size", bnSize}, {"num_classes", numClasses}};
    norm.addTo(arch);
    return arch;
}

BcosV2DenseNetImpl::BcosV2DenseNetImpl(const BcosV2DenseNetConfig &config, const BcosSettings &settings)
{
    const BcosV2Layers layers(settings, config.norm);
    auto features = register_module("features", std::make_shared<torch::nn::Module>());
    m_conv0 = features->register_module("conv0", layers.conv(6, config.numInitFeatures, 7, 2, 3));
    m_norm0 = layers.norm(config.numInitFeatures);
    features->register_module("norm0", m_norm0.ptr());
    int64_t channels = config.numInitFeatures;
    for (std::size_t b = 0; b < config.blockConfig.size(); ++b) {
        auto block = features->register_module("denseblock" + std::to_string(b + 1), std::make_shared<torch::nn::Module>());
        m_blocks.emplace_back();
        for (int64_t j = 0; j < config.blockConfig[b]; ++j)
            m_blocks.back().push_back(block->register_module(
                "denselayer" + std::to_string(j + 1),
                std::make_shared<BcosV2DenseLayerImpl>(layers, channels + j * config.growthRate, config.growthRate,
                                                       config.bnSize)));
        channels += config.blockConfig[b] * config.growthRate;
        if (b + 1 == config.blockConfig.size())
            break;
        auto transition = features->register_module("transition" + std::to_string(b + 1),
                                                     std::make_shared<torch::nn::Module>());
        Transition t{layers.norm(channels), nullptr};
        transition->register_module("norm", t.norm.ptr());
        t.conv = transition->register_module("conv", layers.conv(channels, channels / 2, 1));
        m_transitions.push_back(t);
        channels /= 2;
    }
    m_norm5 = layers.norm(channels);
    features->register_module("norm5", m_norm5.ptr());
    m_classifier = register_module("classifier", layers.conv(channels, config.numClasses, 1));
}

at::Tensor BcosV2DenseNetImpl::features(const at::Tensor &input)
{
    namespace F = torch::nn::functional;
    at::Tensor x = F::avg_pool2d(m_norm0.forward(m_conv0->forward(input)),
                                 F::AvgPool2dFuncOptions(3).stride(2).padding(1));
    for (std::size_t b = 0; b < m_blocks.size(); ++b) {
        std::vector<at::Tensor> all{x};
        for (auto &layer : m_blocks[b])
            all.push_back(layer->forward(torch::cat(all, 1)));
        x = torch::cat(all, 1);
        if (b < m_transitions.size()) {
            auto &t = m_transitions[b];
            x = F::avg_pool2d(t.conv->forward(t.norm.forward(x)), F::AvgPool2dFuncOptions(2).stride(2));
        }
    }
    return m_norm5.forward(x);
}

at::Tensor BcosV2DenseNetImpl::classify(const at::Tensor &features)
{
    return globalAveragePool(m_classifier->forward(features));
}

at::Tensor BcosV2DenseNetImpl::forward(const at::Tensor &input) { return classify(features(input)); }

Family bcosV2DenseNetFamily()
{
    return configuredFamily<BcosV2DenseNetImpl, BcosV2DenseNetConfig>("bcosv2_densenet");
}

} // namespace bcos::core
