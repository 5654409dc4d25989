#include "bcosv2vgg.h"

#include "core/error.h"
#include "core/models/archfields.h"

#include <torch/torch.h>

namespace bcos::core {

BcosV2VggConfig BcosV2VggConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"cfg", "classifier_width", "num_classes", "norm", "norm_eps"});
    BcosV2VggConfig c;
    if (const auto cfg = arch.find("cfg"); cfg != arch.end()) {
        if (!cfg->is_array() || cfg->empty())
            fail(ErrorCode::Format, "{}: field 'cfg' must be a non-empty list of channel counts and \"M\"", origin);
        c.cfg.clear();
        for (const auto &entry : *cfg) {
            if (entry.is_string() && entry.get<std::string>() == "M")
                c.cfg.push_back(0);
            else if (entry.is_number_integer() && entry.get<int64_t>() > 0)
                c.cfg.push_back(entry.get<int64_t>());
            else
                fail(ErrorCode::Format, "{}: field 'cfg' holds {} (expected a positive channel count or \"M\")",
                     origin, entry.dump());
        }
    }
    if (std::all_of(c.cfg.begin(), c.cfg.end(), [](int64_t v) { return v == 0; }))
        fail(ErrorCode::Format, "{}: field 'cfg' has no convolution", origin);
    c.classifierWidth = fields.positiveInt("classifier_width", c.classifierWidth);
    c.numClasses = fields.positiveInt("num_classes", c.numClasses);
    c.norm = BcosV2Norm::fromFields(fields, "bnu");
    return c;
}

nlohmann::json BcosV2VggConfig::toJson() const
{
    nlohmann::json cfgJson = nlohmann::json::array();
    for (const int64_t v : cfg)
        cfgJson.push_back(v == 0 ? nlohmann::json("M") : nlohmann::json(v));
    nlohmann::json arch{{"family", "bcosv2_vgg"}, {"cfg", cfgJson}, {"classifier_width", classifierWidth},
                        {"num_classes", numClasses}};
    norm.addTo(arch);
    return arch;
}

BcosV2VggImpl::BcosV2VggImpl(const BcosV2VggConfig &config, const BcosSettings &settings)
{
    const BcosV2Layers layers(settings, config.norm);
    m_features = register_module("features", torch::nn::Sequential());
    int64_t channels = 6;
    for (const int64_t v : config.cfg) {
        if (v == 0) {
            m_features->push_back(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(2).stride(2)));
            continue;
        }
        m_features->push_back(layers.conv(channels, v, 3, 1, 1));
        m_features->push_back(layers.norm(v));
        channels = v;
    }
    m_classifier = register_module("classifier", torch::nn::Sequential());
    m_classifier->push_back(layers.conv(channels, config.classifierWidth, 7, 1, 3));
    m_classifier->push_back(layers.conv(config.classifierWidth, config.classifierWidth, 1));
    m_classifier->push_back(layers.conv(config.classifierWidth, config.numClasses, 1));
}

at::Tensor BcosV2VggImpl::features(const at::Tensor &input) { return m_features->forward(input); }

at::Tensor BcosV2VggImpl::classify(const at::Tensor &features)
{
    return globalAveragePool(m_classifier->forward(features));
}

at::Tensor BcosV2VggImpl::forward(const at::Tensor &input) { return classify(features(input)); }

Family bcosV2VggFamily()
{
    return configuredFamily<BcosV2VggImpl, BcosV2VggConfig>("bcosv2_vgg");
}

} // namespace bcos::core
