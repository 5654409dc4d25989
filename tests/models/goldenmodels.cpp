#include "goldenmodels.h"

#include "core/bcosify/bcosify.h"
#include "core/error.h"

namespace bcos::test {

core::ModelDescription goldenStandardDescription(const GoldenCase &golden)
{
    core::ModelDescription description;
    description.architecture = golden.json().at("arch");
    description.preprocessing = core::Preprocessing::imagenet();
    return description;
}

core::BcosSettings goldenBcosSettings(const GoldenCase &golden)
{
    core::BcosSettings settings;
    settings.enabled = true;
    settings.b = golden.json().at("bcosify").at("B").get<double>();
    settings.logitBias = golden.json().at("bcosify").at("logit_bias").get<double>();
    return settings;
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
