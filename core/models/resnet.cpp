#include "resnet.h"

#include "core/error.h"
#include "core/models/archfields.h"
#include "core/models/resnetblock.h"
#include "core/nn/activations.h"

#include <torch/torch.h>

namespace bcos::core {

ResNetConfig ResNetConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"block", "layers", "num_classes", "groups", "width_per_group", "replace_stride_with_dilation",
                      "inplanes"});
    ResNetConfig c;
    if (!arch.contains("block"))
        fail(ErrorCode::Format, "{}: missing field 'block' (\"basic\" or \"bottleneck\")", origin);
    c.bottleneck = fields.choice("block", {"basic", "bottleneck"}, "basic") == "bottleneck";
    c.layers = fields.positiveIntList("layers", 4);
    c.numClasses = fields.positiveInt("num_classes", 1000);
    c.groups = fields.positiveInt("groups", 1);
    c.widthPerGroup = fields.positiveInt("width_per_group", 64);
    c.inplanes = fields.positiveInt("inplanes", 64);
    c.replaceStrideWithDilation = fields.boolList("replace_stride_with_dilation", 3, {false, false, false});
    if (!c.bottleneck) {
        // torchvision's BasicBlock refuses these too.
        if (c.groups != 1 || c.widthPerGroup != 64)
            fail(ErrorCode::Format, "{}: block \"basic\" only supports groups=1 and width_per_group=64", origin);
        for (bool dilate : c.replaceStrideWithDilation)
            if (dilate)
                fail(ErrorCode::Format, "{}: block \"basic\" does not support replace_stride_with_dilation", origin);
    }
    return c;
}

nlohmann::json ResNetConfig::toJson() const
{
    nlohmann::json arch{{"family", "resnet"},
                        {"block", bottleneck ? "bottleneck" : "basic"},
                        {"layers", layers},
                        {"num_classes", numClasses},
                        {"groups", groups},
                        {"width_per_group", widthPerGroup},
                        {"replace_stride_with_dilation", replaceStrideWithDilation}};
    if (inplanes != 64) // torchvision's fixed stem width; narrower nets are only written when they differ
        arch["inplanes"] = inplanes;
    return arch;
}

ResNetImpl::ResNetImpl(const ResNetConfig &config, const BcosSettings &settings)
    : m_config(config)
    , m_layers(settings)
{
    ConvSpec stemConv;
    stemConv.outChannels = config.inplanes;
    stemConv.kernelSize = 7;
    stemConv.stride = 2;
    stemConv.padding = 3;
    m_conv1 = m_layers.inputConv(stemConv);
    register_module("conv1", m_conv1.ptr());
    m_bn1 = m_layers.norm(config.inplanes);
    register_module("bn1", m_bn1.ptr());
    m_maxpool = m_layers.stemPool();
    register_module("maxpool", m_maxpool.ptr());

    // torchvision ResNet._make_layer
    const int64_t expansion = ResNetBlockSpec::expansion(config.bottleneck);
    int64_t inplanes = config.inplanes;
    int64_t dilation = 1;
    for (size_t stage = 0; stage < 4; ++stage) {
        const int64_t planes = config.inplanes << stage;
        int64_t stride = stage == 0 ? 1 : 2;
        const int64_t previousDilation = dilation;
        if (stage > 0 && config.replaceStrideWithDilation[stage - 1]) {
            dilation *= stride;
            stride = 1;
        }
        torch::nn::Sequential blocks;
        for (int64_t i = 0; i < config.layers[stage]; ++i) {
            ResNetBlockSpec spec;
            spec.bottleneck = config.bottleneck;
            spec.inplanes = inplanes;
            spec.planes = planes;
            spec.groups = config.groups;
            spec.baseWidth = config.widthPerGroup;
            spec.stride = i == 0 ? stride : 1;
            spec.dilation = i == 0 ? previousDilation : dilation;
            spec.downsample = i == 0 && (stride != 1 || inplanes != planes * expansion);
            blocks->push_back(ResNetBlock(spec, m_layers));
            inplanes = planes * expansion;
        }
        m_stages.push_back(register_module("layer" + std::to_string(stage + 1), blocks));
    }
    if (!settings.enabled)
        register_module("avgpool", torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions({1, 1})));
    m_fc = m_layers.classifier((config.inplanes << 3) * expansion, config.numClasses); // 512 * expansion for 64
    register_module("fc", m_fc.ptr());
}

at::Tensor ResNetImpl::stem(const at::Tensor &input)
{
    return m_maxpool.forward(core::relu(m_bn1.forward(m_conv1.forward(input))));
}

at::Tensor ResNetImpl::features(const at::Tensor &input)
{
    at::Tensor x = stem(input);
    for (auto &stage : m_stages)
        x = stage->forward(x);
    return x;
}

at::Tensor ResNetImpl::classify(const at::Tensor &features) { return m_layers.applyClassifier(m_fc, features); }

at::Tensor ResNetImpl::forward(const at::Tensor &input) { return classify(features(input)); }

TensorMap ResNetImpl::stageOutputs(const at::Tensor &input)
{
    TensorMap out;
    at::Tensor x = out.insert("conv1", m_conv1.forward(input));
    x = out.insert("bn1", m_bn1.forward(x));
    x = out.insert("maxpool", m_maxpool.forward(core::relu(x)));
    for (size_t stage = 0; stage < m_stages.size(); ++stage)
        x = out.insert("layer" + std::to_string(stage + 1), m_stages[stage]->forward(x));
    if (m_layers.bcos())
        out.insert("fc", m_fc.forward(x));
    else
        out.insert("fc", m_layers.applyClassifier(m_fc, x));
    return out;
}

} // namespace bcos::core
