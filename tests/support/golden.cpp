#include "golden.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include "tests/support/buildpaths.h"

namespace bcos::test {

std::filesystem::path goldenDir()
{
    const char *env = std::getenv("BCOS_GOLDEN_DIR");
    std::filesystem::path dir = env && *env ? env : goldenDefaultDir();
    if (!std::filesystem::is_directory(dir))
        throw std::runtime_error("golden reference directory not found: " + dir.string()
                                 + " (set BCOS_GOLDEN_DIR or place ../shared/golden beside the checkout)");
    return dir;
}

GoldenCase::GoldenCase(const std::string &name)
    : m_name(name)
{
    const auto dir = goldenDir();
    m_contents = core::readSafetensors(dir / (name + ".safetensors"));
    std::ifstream in(dir / (name + ".json"));
    m_json = nlohmann::json::parse(in);
}

bool GoldenCase::has(const std::string &tensor) const { return m_contents.tensors.contains(tensor); }

at::Tensor GoldenCase::tensor(const std::string &tensor) const
{
    const at::Tensor *found = m_contents.tensors.find(tensor);
    if (!found)
        throw std::runtime_error("golden case " + m_name + " has no tensor " + tensor);
    return found->is_floating_point() ? found->to(at::kFloat) : *found;
}

at::Tensor GoldenCase::bcosified(const std::string &key) const
{
    if (has(key))
        return tensor(key);
    const auto &aliases = m_json.at("bcosified_aliases");
    if (!aliases.contains(key))
        throw std::runtime_error("golden case " + m_name + ": no tensor or alias for " + key);
    return tensor(aliases.at(key).get<std::string>());
}

core::TensorMap GoldenCase::standardStateDict() const
{
    core::TensorMap out;
    const std::string prefix = "standard.";
    for (const auto &item : m_contents.tensors) {
        if (item.key().rfind(prefix, 0) == 0)
            out.insert(item.key().substr(prefix.size()),
                       item.value().is_floating_point() ? item.value().to(at::kFloat) : item.value());
    }
    return out;
}

std::vector<std::pair<int64_t, int64_t>> gridPgSettings(const GoldenCase &golden)
{
    const std::string prefix = "expected.grid", middle = ".smooth", suffix = ".fractions";
    std::vector<std::pair<int64_t, int64_t>> settings;
    for (const auto &item : golden.contents().tensors) {
        const std::string &name = item.key();
        const auto mid = name.find(middle, prefix.size());
        if (name.rfind(prefix, 0) != 0 || mid == std::string::npos || name.size() <= suffix.size()
            || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string smooth = name.substr(mid + middle.size(), name.size() - suffix.size() - mid - middle.size());
        settings.emplace_back(std::stoll(name.substr(prefix.size(), mid - prefix.size())), std::stoll(smooth));
    }
    std::sort(settings.begin(), settings.end());
    return settings;
}

} // namespace bcos::test
