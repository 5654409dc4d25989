#include "bcossettings.h"

#include <fmt/format.h>

#include <cmath>

namespace bcos::core {

std::string bcosSettingsProblem(const BcosSettings &settings)
{
    if (!settings.enabled)
        return {};
    // B < 1 rewards misalignment and divides by |cos| = 0 (zero-padded patches): NaN, not an explanation.
    if (!std::isfinite(settings.b) || settings.b < 1.0)
        return fmt::format("B = {}: the alignment exponent must be a finite number of at least 1 (1: a linear network)",
                           settings.b);
    if (settings.maxOut < 1)
        return fmt::format("max-out = {}: a B-cos layer needs at least 1 MaxOut unit", settings.maxOut);
    if (!std::isfinite(settings.logitBias))
        return fmt::format("logit bias = {}: must be a finite number", settings.logitBias);
    return {};
}

} // namespace bcos::core
