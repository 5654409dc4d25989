#include "clipimage.h"

#include "core/error.h"
#include "core/nn/activations.h"
#include "core/nn/batchnormuncentered.h"
#include "core/nn/switchablelayers.h"
#include "core/shape.h"

#include <torch/torch.h>

namespace bcos::core {

namespace {

int64_t positiveInt(const nlohmann::json &arch, const char *field, int64_t fallback)
{
    const auto found = arch.find(field);
    if (found == arch.end())
        return fallback;
    if (!found->is_number_integer() || found->get<int64_t>() <= 0)
        fail(ErrorCode::Format, "clip_resnet architecture: field '{}' must be a positive integer, got {}", field,
             found->dump());
    return found->get<int64_t>();
}

/// BatchNorm2d (standard) or BatchNormUncentered2d (B-cos, BnUncV2) registered as `name` in `parent`.
std::function<at::Tensor(const at::Tensor &)> batchNorm(torch::nn::Module &parent, const std::string &name,
                                                        int64_t channels, const BcosSettings &settings)
{
    if (!settings.enabled) {
        auto bn = parent.register_module(name, torch::nn::BatchNorm2d(channels));
        return [bn](const at::Tensor &x) { return bn->forward(x); };
    }
    BatchNormUncentered2dOptions options;
    options.numFeatures = channels;
    options.bias = settings.keepBiases;
    auto bn = parent.register_module(name, BatchNormUncentered2d(options));
    return [bn](const at::Tensor &x) { return bn->forward(x); };
}

BcosConv2dOptions convOptions(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1)
{
    BcosConv2dOptions o;
    o.inChannels = in;
    o.outChannels = out;
    o.kernelSize = kernel;
    o.stride = stride;
    o.padding = kernel / 2;
    o.bias = false; // CLIP's convolutions have no bias
    return o;
}

} // namespace

ClipResNetOptions ClipResNetOptions::preset(const std::string &name)
{
    if (name != "RN50")
        fail(ErrorCode::InvalidArgument, "unknown CLIP ResNet preset '{}' (expected RN50)", name);
    return ClipResNetOptions{}; // RN50: layers (3,4,6,3), width 64, embed 1024, heads 64*32/64 = 32, 224 px
}

ClipResNetOptions ClipResNetOptions::fromJson(const nlohmann::json &arch)
{
    if (!arch.is_object())
        fail(ErrorCode::Format, "clip_resnet architecture must be a JSON object, got {}", arch.dump());
    ClipResNetOptions o;
    if (const auto preset = arch.find("preset"); preset != arch.end()) {
        if (!preset->is_string())
            fail(ErrorCode::Format, "clip_resnet architecture: field 'preset' must be a string");
        o = ClipResNetOptions::preset(preset->get<std::string>());
    }
    if (const auto layers = arch.find("layers"); layers != arch.end()) {
        if (!layers->is_array() || layers->size() != 4)
            fail(ErrorCode::Format, "clip_resnet architecture: field 'layers' must be a list of 4 block counts, got {}",
                 layers->dump());
        for (size_t i = 0; i < 4; ++i) {
            if (!(*layers)[i].is_number_integer() || (*layers)[i].get<int64_t>() <= 0)
                fail(ErrorCode::Format, "clip_resnet architecture: field 'layers' must hold positive integers, got {}",
                     layers->dump());
            o.layers[i] = (*layers)[i].get<int64_t>();
        }
    }
    o.outputDim = positiveInt(arch, "output_dim", o.outputDim);
    o.heads = positiveInt(arch, "heads", o.heads);
    o.inputResolution = positiveInt(arch, "input_resolution", o.inputResolution);
    o.width = positiveInt(arch, "width", o.width);
    if ((32 * o.width) % o.heads != 0)
        fail(ErrorCode::Format, "clip_resnet architecture: embedding width {} must be divisible by 'heads' ({})",
             32 * o.width, o.heads);
    if (o.inputResolution % 32 != 0)
        fail(ErrorCode::Format, "clip_resnet architecture: 'input_resolution' must be a multiple of 32, got {}",
             o.inputResolution);
    return o;
}

nlohmann::json ClipResNetOptions::toJson() const
{
    return {{"family", "clip_resnet"}, {"layers", layers},          {"output_dim", outputDim},
            {"heads", heads},          {"input_resolution", inputResolution}, {"width", width}};
}

/// CLIP's Bottleneck: 1x1 -> 3x3 -> avgpool(stride) -> 1x1 (x4), each conv followed by BN and ReLU (the last
/// after the residual sum); downsample = avgpool(stride) -> 1x1 conv -> BN, keys "-1/0/1" standard and
/// "0/1/2" B-cos (BcosSequential renumbering; the avg-pool has no weights).
class ClipBottleneckImpl : public torch::nn::Module {
public:
    ClipBottleneckImpl(int64_t inplanes, int64_t planes, int64_t stride, const BcosSettings &settings)
        : m_stride(stride)
    {
        m_conv1 = SwitchableConv2d(*this, "conv1", convOptions(inplanes, planes, 1), settings);
        m_bn1 = batchNorm(*this, "bn1", planes, settings);
        m_conv2 = SwitchableConv2d(*this, "conv2", convOptions(planes, planes, 3), settings);
        m_bn2 = batchNorm(*this, "bn2", planes, settings);
        m_conv3 = SwitchableConv2d(*this, "conv3", convOptions(planes, 4 * planes, 1), settings);
        m_bn3 = batchNorm(*this, "bn3", 4 * planes, settings);
        if (stride > 1 || inplanes != 4 * planes) {
            auto downsample = register_module("downsample", std::make_shared<torch::nn::Module>());
            const int first = settings.enabled ? 1 : 0;
            m_downConv = SwitchableConv2d(*downsample, std::to_string(first), convOptions(inplanes, 4 * planes, 1), settings);
            m_downBn = batchNorm(*downsample, std::to_string(first + 1), 4 * planes, settings);
        }
    }

    at::Tensor forward(const at::Tensor &x)
    {
        at::Tensor out = core::relu(m_bn1(m_conv1(x)));
        out = core::relu(m_bn2(m_conv2(out)));
        out = m_bn3(m_conv3(pool(out)));
        const at::Tensor identity = m_downBn ? m_downBn(m_downConv(pool(x))) : x;
        return core::relu(out + identity);
    }

private:
    at::Tensor pool(const at::Tensor &x) const { return m_stride > 1 ? torch::avg_pool2d(x, m_stride) : x; }

    int64_t m_stride;
    SwitchableConv2d m_conv1, m_conv2, m_conv3, m_downConv;
    std::function<at::Tensor(const at::Tensor &)> m_bn1, m_bn2, m_bn3, m_downBn;
};

ClipModifiedResNetImpl::ClipModifiedResNetImpl(const ClipResNetOptions &options, const BcosSettings &settings)
    : m_options(options)
    , m_bcos(settings.enabled)
    , m_meanFree(settings.meanFree)
{
    const int64_t w = options.width;
    const int64_t stemIn[3] = {m_bcos ? 6 : 3, w / 2, w / 2};
    const int64_t stemOut[3] = {w / 2, w / 2, w};
    for (int i = 0; i < 3; ++i) {
        const std::string index = std::to_string(i + 1);
        SwitchableConv2d conv(*this, "conv" + index, convOptions(stemIn[i], stemOut[i], 3, i == 0 ? 2 : 1), settings);
        auto bn = batchNorm(*this, "bn" + index, stemOut[i], settings);
        m_stem.push_back([conv, bn](const at::Tensor &x) { return core::relu(bn(conv(x))); });
    }
    int64_t inplanes = w;
    for (int layer = 0; layer < 4; ++layer) {
        auto sequence = register_module("layer" + std::to_string(layer + 1), std::make_shared<torch::nn::Module>());
        const int64_t planes = w << layer;
        for (int64_t block = 0; block < options.layers[layer]; ++block) {
            const int64_t stride = (layer > 0 && block == 0) ? 2 : 1;
            m_blocks.push_back(sequence->register_module(
                std::to_string(block), std::make_shared<ClipBottleneckImpl>(inplanes, planes, stride, settings)));
            inplanes = 4 * planes;
        }
    }
    m_attnpool = register_module(
        "attnpool", BcosAttentionPool2d(options.inputResolution / 32, 32 * w, options.heads, options.outputDim, settings));
}

at::Tensor ClipModifiedResNetImpl::normalizeInput(const at::Tensor &input) const
{
    const int64_t channels = m_bcos ? 6 : 3;
    if (input.dim() != 4 || input.size(1) != channels)
        fail(ErrorCode::InvalidArgument, "CLIP image encoder expects input [N, {}, H, W]{}, got {}", channels,
             m_bcos ? " ([x, 1-x])" : "", shapeString(input.sizes()));
    if (!m_bcos)
        return input;
    const auto p = Preprocessing::clip();
    std::vector<double> mean(6, 0.0), stdev(6);
    for (int c = 0; c < 3; ++c) {
        if (!m_meanFree) {
            mean[c] = p.mean[c];
            mean[c + 3] = 1 - p.mean[c];
        }
        stdev[c] = stdev[c + 3] = p.std[c];
    }
    const auto options = input.options();
    return (input - torch::tensor(mean, options).view({1, 6, 1, 1})) / torch::tensor(stdev, options).view({1, 6, 1, 1});
}

at::Tensor ClipModifiedResNetImpl::features(const at::Tensor &normalizedInput)
{
    at::Tensor x = normalizedInput;
    for (const auto &stage : m_stem)
        x = stage(x);
    x = torch::avg_pool2d(x, 2);
    for (auto &block : m_blocks)
        x = block->forward(x);
    return x;
}

at::Tensor ClipModifiedResNetImpl::forward(const at::Tensor &input)
{
    return m_attnpool->forward(features(normalizeInput(input)));
}

ClipModifiedResNet buildClipImageEncoder(const nlohmann::json &arch, const BcosSettings &settings)
{
    const std::string family = arch.is_object() ? arch.value("family", std::string()) : std::string();
    if (family != "clip_resnet" && family != "clip_modified_resnet")
        fail(ErrorCode::Format, "architecture: field 'family' must be \"clip_resnet\" for a CLIP image encoder, got \"{}\"",
             family);
    return ClipModifiedResNet(ClipResNetOptions::fromJson(arch), settings);
}

} // namespace bcos::core
