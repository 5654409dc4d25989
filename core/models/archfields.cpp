#include "archfields.h"

#include "core/error.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace bcos::core {

ArchFields::ArchFields(const nlohmann::json &arch, std::string origin)
    : m_arch(arch)
    , m_origin(std::move(origin))
{
    if (!m_arch.is_object())
        fail(ErrorCode::Format, "{}: the architecture must be a JSON object, got {}", m_origin, m_arch.dump());
}

void ArchFields::wrong(const std::string &key, const std::string &expected) const
{
    fail(ErrorCode::Format, "{}: field '{}' must be {}, got {}", m_origin, key, expected, m_arch.at(key).dump());
}

const nlohmann::json *ArchFields::find(const std::string &key) const
{
    const auto it = m_arch.find(key);
    return it == m_arch.end() ? nullptr : &*it;
}

void ArchFields::allowOnly(const std::vector<std::string> &allowed) const
{
    for (const auto &item : m_arch.items()) {
        const std::string &key = item.key();
        if (key == "family" || key == "name")
            continue;
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            fail(ErrorCode::Format, "{}: unknown field '{}' for family '{}' (known: {})", m_origin, key,
                 m_arch.value("family", std::string("?")), fmt::join(allowed, ", "));
    }
}

int64_t ArchFields::positiveInt(const std::string &key, int64_t fallback) const
{
    const auto *value = find(key);
    if (!value)
        return fallback;
    if (!value->is_number_integer() || value->get<int64_t>() <= 0)
        wrong(key, "a positive integer");
    return value->get<int64_t>();
}

double ArchFields::nonNegative(const std::string &key, double fallback) const
{
    const auto *value = find(key);
    if (!value)
        return fallback;
    if (!value->is_number() || value->get<double>() < 0)
        wrong(key, "a non-negative number");
    return value->get<double>();
}

bool ArchFields::boolean(const std::string &key, bool fallback) const
{
    const auto *value = find(key);
    if (!value)
        return fallback;
    if (!value->is_boolean())
        wrong(key, "true or false");
    return value->get<bool>();
}

std::string ArchFields::choice(const std::string &key, const std::vector<std::string> &choices,
                               const std::string &fallback) const
{
    const auto *value = find(key);
    if (!value)
        return fallback;
    if (!value->is_string() || std::find(choices.begin(), choices.end(), value->get<std::string>()) == choices.end())
        wrong(key, fmt::format("one of \"{}\"", fmt::join(choices, "\", \"")));
    return value->get<std::string>();
}

std::vector<int64_t> ArchFields::positiveIntList(const std::string &key, size_t size) const
{
    const auto *value = find(key);
    const std::string expected = size ? fmt::format("a list of {} positive integers", size)
                                      : std::string("a non-empty list of positive integers");
    if (!value)
        fail(ErrorCode::Format, "{}: missing field '{}' ({})", m_origin, key, expected);
    const bool sizeOk = size ? value->is_array() && value->size() == size : value->is_array() && !value->empty();
    if (!sizeOk)
        wrong(key, expected);
    std::vector<int64_t> out;
    for (const auto &entry : *value) {
        if (!entry.is_number_integer() || entry.get<int64_t>() <= 0)
            wrong(key, expected);
        out.push_back(entry.get<int64_t>());
    }
    return out;
}

std::vector<bool> ArchFields::boolList(const std::string &key, size_t size, std::vector<bool> fallback) const
{
    const auto *value = find(key);
    if (!value)
        return fallback;
    const std::string expected = fmt::format("a list of {} booleans", size);
    if (!value->is_array() || value->size() != size)
        wrong(key, expected);
    std::vector<bool> out;
    for (const auto &entry : *value) {
        if (!entry.is_boolean())
            wrong(key, expected);
        out.push_back(entry.get<bool>());
    }
    return out;
}

} // namespace bcos::core
