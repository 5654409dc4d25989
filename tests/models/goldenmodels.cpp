#include "goldenmodels.h"

#include "core/bcosify/bcosify.h"
#include "core/error.h"

#include <fmt/format.h>

#include <initializer_list>

namespace bcos::test {

namespace {

/// json[path[0]][path[1]]... when every step exists and is not null, else nullptr.
const nlohmann::json *findJson(const nlohmann::json &json, std::initializer_list<const char *> path)
{
    const nlohmann::json *node = &json;
    for (const char *key : path) {
        if (!node->is_object() || !node->contains(key) || node->at(key).is_null())
            return nullptr;
        node = &node->at(key);
    }
    return node;
}

} // namespace

core::ModelDescription goldenStandardDescription(const GoldenCase &golden)
{
    core::ModelDescription description;
    description.architecture = golden.json().at("arch");
    description.preprocessing = core::Preprocessing::imagenet();
    return description;
}

core::BcosSettings goldenBcosSettings(const GoldenCase &golden)
{
    // The reference's conversion config: B, the logit bias, model_config.bcos_args.max_out and (ViT)
    // model_config.args.gap_reorder. A key the case lacks keeps BcosSettings' default (max-out 1, gap_reorder on).
    const nlohmann::json &bcosify = golden.json().at("bcosify");
    core::BcosSettings settings;
    settings.enabled = true;
    settings.b = bcosify.at("B").get<double>();
    settings.logitBias = bcosify.at("logit_bias").get<double>();
    if (const nlohmann::json *maxOut = findJson(bcosify, {"model_config", "bcos_args", "max_out"}))
        settings.maxOut = maxOut->get<int64_t>();
    if (const nlohmann::json *gapReorder = findJson(bcosify, {"model_config", "args", "gap_reorder"}))
        settings.gapReorder = gapReorder->get<bool>();
    else if (const nlohmann::json *topLevel = findJson(bcosify, {"gap_reorder"}))
        settings.gapReorder = topLevel->get<bool>();
    return settings;
}

std::vector<std::string> goldenConvertOptions(const GoldenCase &golden)
{
    const core::BcosSettings settings = goldenBcosSettings(golden);
    return {"--b", fmt::format("{}", settings.b), "--max-out", std::to_string(settings.maxOut), "--logit-bias",
            fmt::format("{}", settings.logitBias)};
}

core::Network goldenStandardNetwork(const GoldenCase &golden)
{
    return core::loadStandardNetwork(goldenStandardDescription(golden), golden.standardStateDict(), golden.name());
}

core::Network goldenBcosNetwork(const GoldenCase &golden, const core::BcosSettings &settings)
{
    return core::bcosify(goldenStandardDescription(golden), golden.standardStateDict(), settings, golden.name());
}

} // namespace bcos::test
