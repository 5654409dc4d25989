#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace bcos::core {

/// Typed, validating access to an architecture description (constructor-argument names, e.g.
/// {"family": "resnet", "block": "basic", "layers": [2, 2, 2, 2]}). Every error is Error{Format} naming
/// `origin` (a file or "architecture") and the field.
class ArchFields {
public:
    ArchFields(const nlohmann::json &arch, std::string origin);

    /// Fails naming the first field that is not in `allowed` ("family" and "name" are always allowed).
    void allowOnly(const std::vector<std::string> &allowed) const;

    /// A positive integer field; `fallback` when absent.
    int64_t positiveInt(const std::string &key, int64_t fallback) const;
    /// A non-negative number field; `fallback` when absent.
    double nonNegative(const std::string &key, double fallback) const;
    bool boolean(const std::string &key, bool fallback) const;
    /// A string field that must be one of `choices`; `fallback` when absent.
    std::string choice(const std::string &key, const std::vector<std::string> &choices,
                       const std::string &fallback) const;
    /// A list of positive integers, required, with `size` entries (0: any non-empty length).
    std::vector<int64_t> positiveIntList(const std::string &key, size_t size) const;
    /// A list of booleans with `size` entries; `fallback` when absent.
    std::vector<bool> boolList(const std::string &key, size_t size, std::vector<bool> fallback) const;

    const std::string &origin() const { return m_origin; }

private:
    [[noreturn]] void wrong(const std::string &key, const std::string &expected) const;
    const nlohmann::json *find(const std::string &key) const;

    const nlohmann::json &m_arch;
    std::string m_origin;
};

} // namespace bcos::core
