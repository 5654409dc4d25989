#include "bcosv2resnet.h"

#include "core/error.h"
#include "core/models/archfields.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// BasicBlock / Bottleneck without activations: out = norms and B-cos convs, + identity (or downsample).
class BlockImpl : public torch::nn::Module {
public:
    BlockImpl(const BcosV2Layers &layers, const BcosV2ResNetConfig &config, int64_t inplanes, int64_t planes,
              int64_t stride)
    {
        const int64_t expansion = config.bottleneck ? 4 : 1;
        if (config.bottleneck) {
            const int64_t width = planes * config.widthPerGroup / 64 * config.groups;
            add(layers.conv(inplanes, width, 1), layers.norm(width));
            add(layers.conv(width, width, 3, stride, 1, config.groups), layers.norm(width));
            add(layers.conv(width, planes * expansion, 1), layers.norm(planes * expansion));
        } else {
            add(layers.conv(inplanes, planes, 3, stride, 1), layers.norm(planes));
            add(layers.conv(planes, planes, 3, 1, 1), layers.norm(planes));
        }
        if (stride != 1 || inplanes != planes * expansion) {
            m_downsample = register_module("downsample", torch::nn::Sequential());
            m_downsample->push_back(layers.conv(inplanes, planes * expansion, 1, stride));
            m_downsample->push_back(layers.norm(planes * expansion));
        }
    }

    at::Tensor forward(const at::Tensor &input)
    {
        at::Tensor out = input;
        for (std::size_t i = 0; i < m_convs.size(); ++i)
            out = m_norms[i].forward(m_convs[i]->forward(out));
        return out + (m_downsample.is_empty() ? input : m_downsample->forward(input));
    }

private:
    void add(BcosConv2d conv, torch::nn::AnyModule norm)
    {
        const std::string index = std::to_string(m_convs.size() + 1);
        m_convs.push_back(register_module("conv" + index, conv));
        register_module("bn" + index, norm.ptr());
        m_norms.push_back(std::move(norm));
    }

    std::vector<BcosConv2d> m_convs;
    std::vector<torch::nn::AnyModule> m_norms;
    torch::nn::Sequential m_downsample{nullptr};
};
TORCH_MODULE(Block);

} // namespace

BcosV2ResNetConfig BcosV2ResNetConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"block", "layers", "inplanes", "groups", "width_per_group", "num_classes", "norm", "norm_eps"});
    BcosV2ResNetConfig c;
    c.bottleneck = fields.choice("block", {"basic", "bottleneck"}, "basic") == "bottleneck";
    c.layers = fields.positiveIntList("layers", 0);
    c.inplanes = fields.positiveInt("inplanes", c.inplanes);
    c.groups = fields.positiveInt("groups", c.groups);
    c.widthPerGroup = fields.positiveInt("width_per_group", c.widthPerGroup);
    c.numClasses = fields.positiveInt("num_classes", c.numClasses);
    c.norm = BcosV2Norm::fromFields(fields, "bnu");
    if (!c.bottleneck && (c.groups != 1 || c.widthPerGroup != 64))
        fail(ErrorCode::Format, "{}: field 'groups'/'width_per_group': a basic block needs 1 and 64", origin);
    return c;
}

nlohmann::json BcosV2ResNetConfig::toJson() const
{
    nlohmann::json arch{{"family", "bcosv2_resnet"}, {"block", bottleneck ? "bottleneck" : "basic"},
                        {"layers", layers}, {"inplanes", inplanes}, {"groups", groups},
                        {"width_per_group", widthPerGroup}, {"num_classes", numClasses}};
    norm.addTo(arch);
    return arch;
}

BcosV2ResNetImpl::BcosV2ResNetImpl(const BcosV2ResNetConfig &config, const BcosSettings &settings)
    : m_config(config)
{
    const BcosV2Layers layers(settings, config.norm);
    m_conv1 = register_module("conv1", layers.conv(6, config.inplanes, 7, 2, 3));
    m_bn1 = layers.norm(config.inplanes);
    register_module("bn1", m_bn1.ptr());
    const int64_t expansion = config.bottleneck ? 4 : 1;
    int64_t inplanes = config.inplanes;
    for (std::size_t s = 0; s < config.layers.size(); ++s) {
        const int64_t planes = config.inplanes << s;
        torch::nn::Sequential stage;
        for (int64_t i = 0; i < config.layers[s]; ++i) {
            stage->push_back(Block(layers, config, inplanes, planes, i == 0 && s > 0 ? 2 : 1));
            inplanes = planes * expansion;
        }
        m_stages.push_back(register_module("layer" + std::to_string(s + 1), stage));
    }
    m_fc = register_module("fc", layers.conv(inplanes, config.numClasses, 1));
}

at::Tensor BcosV2ResNetImpl::features(const at::Tensor &input)
{
    namespace F = torch::nn::functional;
    at::Tensor x = m_bn1.forward(m_conv1->forward(input));
    x = F::avg_pool2d(x, F::AvgPool2dFuncOptions(3).stride(2).padding(1));
    for (auto &stage : m_stages)
        x = stage->forward(x);
    return x;
}

at::Tensor BcosV2ResNetImpl::classify(const at::Tensor &features) { return globalAveragePool(m_fc->forward(features)); }

at::Tensor BcosV2ResNetImpl::forward(const at::Tensor &input) { return classify(features(input)); }

Family bcosV2ResNetFamily()
{
    return configuredFamily<BcosV2ResNetImpl, BcosV2ResNetConfig>("bcosv2_resnet");
}

} // namespace bcos::core
