#pragma once

#include "core/io/safetensors.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace bcos::test {

/// Directory of the authors' reference data: $BCOS_GOLDEN_DIR or ../shared/golden beside the checkout.
/// Fails the calling test (does not skip) when it is missing.
std::filesystem::path goldenDir();

/// One golden case: `<case>.safetensors` plus its JSON description.
class GoldenCase {
public:
    explicit GoldenCase(const std::string &name);

    const std::string &name() const { return m_name; }
    const nlohmann::json &json() const { return m_json; }
    const core::SafetensorsContents &contents() const { return m_contents; }

    bool has(const std::string &tensor) const;
    /// The stored tensor, as float32 for floating types; fails the test if absent.
    at::Tensor tensor(const std::string &tensor) const;
    /// Resolves the alias rule of the golden README: stored tensor k, else bcosified_aliases[k].
    at::Tensor bcosified(const std::string &key) const;
    /// Standard state dict (prefix "standard." removed), float32.
    core::TensorMap standardStateDict() const;

private:
    std::string m_name;
    nlohmann::json m_json;
    core::SafetensorsContents m_contents;
};

/// The (grid size n, smoothing kernel k) settings a gridpg case holds, one per expected.grid<n>.smooth<k>.fractions,
/// sorted.
std::vector<std::pair<int64_t, int64_t>> gridPgSettings(const GoldenCase &golden);

} // namespace bcos::test
