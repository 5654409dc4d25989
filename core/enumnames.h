#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bcos::core {

/// The one way core maps an enum to the names used on command lines, in files and in the studio: a
/// constexpr table of {value, name} pairs next to the enum, read with the helpers below. The parse
/// functions of each enum (parseTrainMode, parseExplainMethod...) use enumFromName and keep their own
/// error message; the valid names in it come from the table (joinedNames / namesWithOr).
template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

/// The name of `value`; `fallback` for a value missing from the table.
template <class Enum, std::size_t N>
constexpr std::string_view enumName(const EnumNames<Enum, N> &table, Enum value, std::string_view fallback = "unknown")
{
    for (const auto &[known, name] : table)
        if (known == value)
            return name;
    return fallback;
}

/// The value called `name` (exact, case-sensitive match); nullopt when no entry has it.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> enumFromName(const EnumNames<Enum, N> &table, std::string_view name)
{
    for (const auto &[value, known] : table)
        if (known == name)
            return value;
    return std::nullopt;
}

/// "a, b, c": every name in table order.
template <class Enum, std::size_t N>
std::string joinedNames(const EnumNames<Enum, N> &table)
{
    std::string text;
    for (const auto &entry : table) {
        text += text.empty() ? "" : ", ";
        text += entry.second;
    }
    return text;
}

/// "a, b or c": every name in table order, the last one after "or".
template <class Enum, std::size_t N>
std::string namesWithOr(const EnumNames<Enum, N> &table)
{
    std::string text;
    for (std::size_t i = 0; i < N; ++i) {
        text += i == 0 ? "" : (i + 1 == N ? " or " : ", ");
        text += table[i].second;
    }
    return text;
}

/// Every value in table order (for menus and "all" lists).
template <class Enum, std::size_t N>
std::vector<Enum> enumValues(const EnumNames<Enum, N> &table)
{
    std::vector<Enum> values;
    for (const auto &entry : table)
        values.push_back(entry.first);
    return values;
}

} // namespace bcos::core
