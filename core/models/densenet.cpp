#include "densenet.h"

#include "core/models/archfields.h"
#include "core/models/denseblock.h"
#include "core/nn/activations.h"

#include <torch/torch.h>

#include <optional>

namespace bcos::core {

DenseNetConfig DenseNetConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"growth_rate", "block_config", "num_init_features", "bn_size", "drop_rate", "num_classes",
                      "memory_efficient"});
    DenseNetConfig c;
    c.growthRate = fields.positiveInt("growth_rate", 32);
    c.blockConfig = arch.contains("block_config") ? fields.positiveIntList("block_config", 0) : c.blockConfig;
    c.numInitFeatures = fields.positiveInt("num_init_features", 64);
    c.bnSize = fields.positiveInt("bn_size", 4);
    c.dropRate = fields.nonNegative("drop_rate", 0.0);
    c.numClasses = fields.positiveInt("num_classes", 1000);
    c.memoryEfficient = fields.boolean("memory_efficient", false);
    return c;
}

nlohmann::json DenseNetConfig::toJson() const
{
    return {{"family", "densenet"},       {"growth_rate", growthRate}, {"block_config", blockConfig},
            {"num_init_features", numInitFeatures}, {"bn_size", bnSize}, {"drop_rate", dropRate},
            {"num_classes", numClasses},  {"memory_efficient", memoryEfficient}};
}

int64_t DenseNetConfig::numFeatures() const
{
    int64_t features = numInitFeatures;
    for (size_t i = 0; i < blockConfig.size(); ++i) {
        features += blockConfig[i] * growthRate;
        if (i + 1 < blockConfig.size())
            features /= 2;
    }
    return features;
}

std::string DenseNetConfig::standardModulePath(const std::string &bcosPath) const
{
    // torchvision's names of the children of "features" and of a _Transition, in order.
    std::vector<std::string> names{"conv0", "norm0", "relu0", "pool0"};
    for (size_t i = 0; i < blockConfig.size(); ++i) {
        names.push_back("denseblock" + std::to_string(i + 1));
        if (i + 1 < blockConfig.size())
            names.push_back("transition" + std::to_string(i + 1));
    }
    names.push_back("norm5");
    static const std::vector<std::string> transitionNames{"norm", "relu", "conv", "pool"};

    const std::string prefix = "features.";
    if (bcosPath.rfind(prefix, 0) != 0)
        return bcosPath;
    auto component = [](const std::string &text, size_t start) {
        const size_t end = text.find('.', start);
        return std::make_pair(text.substr(start, end == std::string::npos ? std::string::npos : end - start), end);
    };
    auto index = [](const std::string &text) -> std::optional<size_t> {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        return std::stoul(text);
    };
    const auto [first, end] = component(bcosPath, prefix.size());
    const auto i = index(first);
    if (!i || *i >= names.size())
        return bcosPath;
    std::string out = prefix + names[*i];
    if (end == std::string::npos)
        return out;
    const std::string rest = bcosPath.substr(end + 1);
    if (names[*i].rfind("transition", 0) == 0) {
        const auto [second, end2] = component(rest, 0);
        if (const auto j = index(second); j && *j < transitionNames.size())
            return out + "." + transitionNames[*j] + (end2 == std::string::npos ? "" : rest.substr(end2));
    }
    return out + "." + rest;
}

DenseNetImpl::DenseNetImpl(const DenseNetConfig &config, const BcosSettings &settings)
    : m_config(config)
    , m_layers(settings)
{
    // B-cos mode: the reference's BcosSequential renames nn.Sequential children to 0, 1, 2, ...
    const bool renumber = settings.enabled;
    auto add = [&](NamedSequence &sequence, const std::string &name, torch::nn::AnyModule module) {
        sequence->add(renumber ? std::to_string(sequence->size()) : name, std::move(module));
    };
    ConvSpec stemConv;
    stemConv.outChannels = config.numInitFeatures;
    stemConv.kernelSize = 7;
    stemConv.stride = 2;
    stemConv.padding = 3;
    add(m_features, "conv0", m_layers.inputConv(stemConv));
    add(m_features, "norm0", m_layers.norm(config.numInitFeatures));
    add(m_features, "relu0", m_layers.relu());
    add(m_features, "pool0", m_layers.stemPool());
    int64_t features = config.numInitFeatures;
    for (size_t i = 0; i < config.blockConfig.size(); ++i) {
        const std::string index = std::to_string(i + 1);
        add(m_features, "denseblock" + index,
            torch::nn::AnyModule(DenseBlock(config.blockConfig[i], features, config.growthRate, config.bnSize,
                                            config.dropRate, m_layers)));
        features += config.blockConfig[i] * config.growthRate;
        if (i + 1 == config.blockConfig.size())
            break;
        // _Transition: norm, relu, 1x1 conv to half the channels, AvgPool2d(2, 2)
        NamedSequence transition;
        ConvSpec conv;
        conv.inChannels = features;
        conv.outChannels = features / 2;
        add(transition, "norm", m_layers.norm(features));
        add(transition, "relu", m_layers.relu());
        add(transition, "conv", m_layers.conv(conv));
        add(transition, "pool", torch::nn::AnyModule(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(2).stride(2))));
        add(m_features, "transition" + index, torch::nn::AnyModule(transition));
        features /= 2;
    }
    add(m_features, "norm5", m_layers.norm(features));
    register_module("features", m_features);
    m_classifier = m_layers.classifier(features, config.numClasses);
    register_module("classifier", m_classifier.ptr());
}

at::Tensor DenseNetImpl::features(const at::Tensor &input) { return core::relu(m_features->forward(input)); }

at::Tensor DenseNetImpl::classify(const at::Tensor &features)
{
    return m_layers.applyClassifier(m_classifier, features);
}

at::Tensor DenseNetImpl::forward(const at::Tensor &input) { return classify(features(input)); }

TensorMap DenseNetImpl::stageOutputs(const at::Tensor &input)
{
    TensorMap out;
    const at::Tensor x = m_features->forwardCollect(input, "features.", out);
    if (m_layers.bcos())
        out.insert("classifier", m_classifier.forward(core::relu(x)));
    else
        out.insert("classifier", m_layers.applyClassifier(m_classifier, core::relu(x)));
    return out;
}

} // namespace bcos::core
