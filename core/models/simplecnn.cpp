#include "simplecnn.h"

#include "core/error.h"
#include "core/models/family.h"
#include "core/nn/batchnormuncentered.h"
#include "core/nn/bcosconv2d.h"

#include <torch/torch.h>

namespace bcos::core {

SimpleCnnImpl::SimpleCnnImpl(const SimpleCnnOptions &options)
    : m_options(options)
{
    if (options.widths.empty() || options.numClasses <= 0)
        fail(ErrorCode::InvalidArgument, "simplecnn needs at least one stage and one class");
    torch::nn::Sequential features;
    int64_t channels = options.bcos ? 6 : 3;
    for (size_t i = 0; i < options.widths.size(); ++i) {
        const int64_t width = options.widths[i];
        if (options.bcos) {
            BcosConv2dOptions conv;
            conv.inChannels = channels;
            conv.outChannels = width;
            conv.kernelSize = 3;
            conv.padding = 1;
            conv.b = options.b;
            features->push_back(BcosConv2d(conv));
            features->push_back(BatchNormUncentered2d(BatchNormUncentered2dOptions{width}));
        } else {
            features->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, width, 3).padding(1)));
            features->push_back(torch::nn::BatchNorm2d(width));
            features->push_back(torch::nn::ReLU());
        }
        if (i + 1 < options.widths.size()) {
            if (options.bcos)
                features->push_back(torch::nn::AvgPool2d(2));
            else
                features->push_back(torch::nn::MaxPool2d(2));
        }
        channels = width;
    }
    m_features = register_module("features", features);
    if (options.bcos) {
        BcosConv2dOptions head;
        head.inChannels = channels;
        head.outChannels = options.numClasses;
        head.b = options.b;
        m_classifier = torch::nn::AnyModule(register_module("classifier", BcosConv2d(head)));
    } else {
        m_classifier = torch::nn::AnyModule(
            register_module("classifier", torch::nn::Linear(channels, options.numClasses)));
    }
}

at::Tensor SimpleCnnImpl::features(const at::Tensor &input) { return m_features->forward(input); }

at::Tensor SimpleCnnImpl::classify(const at::Tensor &features)
{
    if (m_options.bcos) // 1x1 B-cos classifier per location, then the mean over locations
        return m_classifier.forward(features).mean({2, 3});
    return m_classifier.forward(features.mean({2, 3}));
}

at::Tensor SimpleCnnImpl::forward(const at::Tensor &input) { return classify(features(input)); }

Network buildSimpleCnn(const SimpleCnnOptions &options)
{
    ModelDescription description;
    description.architecture = {{"family", "simplecnn"},
                                {"num_classes", options.numClasses},
                                {"widths", options.widths}};
    description.bcos.enabled = options.bcos;
    description.bcos.b = options.b;
    return Network(description, std::make_shared<SimpleCnnImpl>(options));
}

namespace {

SimpleCnnOptions simpleCnnOptionsFrom(const nlohmann::json &arch, const std::string &origin)
{
    SimpleCnnOptions options;
    const auto classes = arch.find("num_classes");
    if (classes == arch.end() || !classes->is_number_integer() || classes->get<int64_t>() <= 0)
        fail(ErrorCode::Format, "{}: 'num_classes' must be a positive integer", origin);
    options.numClasses = classes->get<int64_t>();
    if (const auto widths = arch.find("widths"); widths != arch.end()) {
        if (!widths->is_array() || widths->empty())
            fail(ErrorCode::Format, "{}: 'widths' must be a non-empty array of positive integers", origin);
        options.widths.clear();
        for (const auto &width : *widths) {
            if (!width.is_number_integer() || width.get<int64_t>() <= 0)
                fail(ErrorCode::Format, "{}: 'widths' must be a non-empty array of positive integers", origin);
            options.widths.push_back(width.get<int64_t>());
        }
    }
    return options;
}

} // namespace

Family simpleCnnFamily()
{
    Family family;
    family.name = "simplecnn";
    family.build = [](const nlohmann::json &arch, const BcosSettings &settings) -> std::shared_ptr<ClassifierImpl> {
        SimpleCnnOptions options = simpleCnnOptionsFrom(arch, "architecture");
        options.bcos = settings.enabled;
        options.b = settings.b;
        return std::make_shared<SimpleCnnImpl>(options);
    };
    family.canonicalize = [](const nlohmann::json &arch, const std::string &origin) {
        const SimpleCnnOptions options = simpleCnnOptionsFrom(arch, origin);
        return nlohmann::json{{"family", "simplecnn"}, {"num_classes", options.numClasses}, {"widths", options.widths}};
    };
    family.bcosifyWeights = [](const nlohmann::json &, const TensorMap &, const BcosSettings &) -> TensorMap {
        fail(ErrorCode::Unsupported, "simplecnn networks cannot be B-cosified; train a B-cos one with --mode scratch");
    };
    return family;
}

} // namespace bcos::core
