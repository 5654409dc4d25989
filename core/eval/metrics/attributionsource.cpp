#include "attributionsource.h"

#include "core/error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <memory>

namespace bcos::core {
namespace {

constexpr std::string_view kRandom = "random";

} // namespace

std::string attributionSourceName(const AttributionSource &source)
{
    return std::string(source.method ? explainMethodName(*source.method) : kRandom);
}

AttributionSource parseAttributionSource(std::string_view name)
{
    if (name == kRandom)
        return {};
    for (const ExplainMethod method : allExplainMethods())
        if (explainMethodName(method) == name)
            return {method};
    std::string names;
    for (const std::string &known : attributionSourceNames())
        names += (names.empty() ? "" : ", ") + known;
    fail(ErrorCode::InvalidArgument, "unknown attribution method '{}' (expected one of: {})", name, names);
}

std::vector<std::string> attributionSourceNames()
{
    std::vector<std::string> names;
    for (const ExplainMethod method : allExplainMethods())
        names.emplace_back(explainMethodName(method));
    names.emplace_back(kRandom);
    return names;
}

BatchExplainer randomExplainer(uint64_t seed)
{
    auto generator = std::make_shared<at::Generator>(at::detail::createCPUGenerator(seed));
    return [generator](const at::Tensor &images, const at::Tensor &) {
        std::vector<at::Tensor> maps;
        for (int64_t i = 0; i < images.size(0); ++i) // one draw per image: independent of how images are batched
            maps.push_back(torch::rand({images.size(2), images.size(3)}, *generator, torch::kFloat));
        return torch::stack(maps).to(images.device());
    };
}

BatchExplainer sourceExplainer(NetworkImpl &network, const AttributionSource &source, const ExplainRequest &settings,
                               uint64_t seed)
{
    return source.method ? methodExplainer(network, *source.method, settings) : randomExplainer(seed);
}

} // namespace bcos::core
