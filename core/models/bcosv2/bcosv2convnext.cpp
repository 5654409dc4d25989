#include "bcosv2convnext.h"

#include "core/error.h"
#include "core/models/archfields.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

/// CNBlock: input + layer_scale * block(input) (keys layer_scale [C, 1, 1], block.0..3).
class CnBlockImpl : public torch::nn::Module {
public:
    CnBlockImpl(const BcosV2Layers &layers, int64_t dim)
    {
        m_layerScale = register_parameter("layer_scale", torch::full({dim, 1, 1}, 1e-6));
        m_block = register_module("block", torch::nn::Sequential());
        m_block->push_back(layers.conv(dim, dim, 7, 1, 3, dim));
        m_block->push_back(layers.norm(dim));
        m_block->push_back(layers.conv(dim, 4 * dim, 1));
        m_block->push_back(layers.conv(4 * dim, dim, 1));
    }

    at::Tensor forward(const at::Tensor &input) { return m_layerScale * m_block->forward(input) + input; }

private:
    at::Tensor m_layerScale;
    torch::nn::Sequential m_block{nullptr};
};
TORCH_MODULE(CnBlock);

} // namespace

BcosV2ConvNeXtConfig BcosV2ConvNeXtConfig::fromJson(const nlohmann::json &arch, const std::string &origin)
{
    const ArchFields fields(arch, origin);
    fields.allowOnly({"block_setting", "num_classes", "norm", "norm_eps"});
    BcosV2ConvNeXtConfig c;
    const auto setting = arch.find("block_setting");
    if (setting == arch.end() || !setting->is_array() || setting->empty())
        fail(ErrorCode::Format, "{}: field 'block_setting' must be a non-empty list of [in, out|null, layers]", origin);
    for (const auto &entry : *setting) {
        const bool ok = entry.is_array() && entry.size() == 3 && entry[0].is_number_integer() && entry[0] > 0
            && (entry[1].is_null() || (entry[1].is_number_integer() && entry[1] > 0)) && entry[2].is_number_integer()
            && entry[2] > 0;
        if (!ok)
            fail(ErrorCode::Format, "{}: field 'block_setting' holds {} (expected [in, out|null, layers])", origin,
                 entry.dump());
        BcosV2ConvNeXtStage stage;
        stage.inputChannels = entry[0].get<int64_t>();
        if (!entry[1].is_null())
            stage.outChannels = entry[1].get<int64_t>();
        stage.numLayers = entry[2].get<int64_t>();
        c.stages.push_back(stage);
    }
    c.numClasses = fields.positiveInt("num_classes", c.numClasses);
    c.norm = BcosV2Norm::fromFields(fields, "pn");
    return c;
}

nlohmann::json BcosV2ConvNeXtConfig::toJson() const
{
    nlohmann::json setting = nlohmann::json::array();
    for (const auto &s : stages)
        setting.push_back({s.inputChannels, s.outChannels ? nlohmann::json(*s.outChannels) : nlohmann::json(),
                           s.numLayers});
    nlohmann::json arch{{"family", "bcosv2_convnext"}, {"block_setting", setting}, {"num_classes", numClasses}};
    norm.addTo(arch);
    return arch;
}

BcosV2ConvNeXtImpl::BcosV2ConvNeXtImpl(const BcosV2ConvNeXtConfig &config, const BcosSettings &settings)
{
    const BcosV2Layers layers(settings, config.norm);
    // torchvision's `features` Sequential nests Sequentials, which LibTorch's Sequential cannot hold: a plain module
    // with the same child names and a list of the steps forward() takes.
    auto features = register_module("features", std::make_shared<torch::nn::Module>());
    auto add = [&](std::shared_ptr<torch::nn::Module> module, std::function<at::Tensor(const at::Tensor &)> step) {
        features->register_module(std::to_string(m_steps.size()), std::move(module));
        m_steps.push_back(std::move(step));
    };
    auto addSequential = [&](torch::nn::Sequential sequential) {
        add(sequential.ptr(), [sequential](const at::Tensor &x) mutable { return sequential->forward(x); });
    };
    const int64_t first = config.stages.front().inputChannels;
    BcosConv2d stemConv = layers.conv(6, first, 4, 4);
    torch::nn::AnyModule stemNorm = layers.norm(first);
    add(stemConv.ptr(), [stemConv](const at::Tensor &x) mutable { return stemConv->forward(x); });
    add(stemNorm.ptr(), [stemNorm](const at::Tensor &x) mutable { return stemNorm.forward(x); });
    int64_t channels = first;
    for (const auto &stage : config.stages) {
        torch::nn::Sequential blocks;
        for (int64_t i = 0; i < stage.numLayers; ++i)
            blocks->push_back(CnBlock(layers, stage.inputChannels));
        addSequential(blocks);
        channels = stage.inputChannels;
        if (stage.outChannels) {
            torch::nn::Sequential downsample;
            downsample->push_back(layers.norm(stage.inputChannels));
            downsample->push_back(layers.conv(stage.inputChannels, *stage.outChannels, 2, 2));
            addSequential(downsample);
            channels = *stage.outChannels;
        }
    }
    m_classifier = register_module("classifier", torch::nn::Sequential());
    m_classifier->push_back(layers.norm(channels));
    m_classifier->push_back(layers.conv(channels, config.numClasses, 1));
}

at::Tensor BcosV2ConvNeXtImpl::features(const at::Tensor &input)
{
    at::Tensor x = input;
    for (auto &step : m_steps)
        x = step(x);
    return x;
}

at::Tensor BcosV2ConvNeXtImpl::classify(const at::Tensor &features)
{
    return globalAveragePool(m_classifier->forward(features));
}

at::Tensor BcosV2ConvNeXtImpl::forward(const at::Tensor &input) { return classify(features(input)); }

Family bcosV2ConvNeXtFamily()
{
    return configuredFamily<BcosV2ConvNeXtImpl, BcosV2ConvNeXtConfig>("bcosv2_convnext");
}

} // namespace bcos::core
