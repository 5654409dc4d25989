#include "args.h"

#include "core/device.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <type_traits>

namespace bcos::cli {
namespace {

bool contains(const std::vector<std::string> &list, const std::string &name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

} // namespace

Args::Args(const std::vector<std::string> &arguments, const std::vector<std::string> &valueOptions,
           const std::vector<std::string> &flagOptions, const std::vector<std::string> &listOptions)
{
    std::string list; // the list option whose values the plain arguments continue, if any
    for (size_t i = 0; i < arguments.size(); ++i) {
        const std::string &arg = arguments[i];
        if (arg == "--") {
            list.clear();
            m_positional.push_back(arg);
            continue;
        }
        if (arg.rfind("--", 0) != 0) {
            if (!list.empty())
                m_values.emplace(list, arg);
            else
                m_positional.push_back(arg);
            continue;
        }
        list.clear();
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        if (contains(flagOptions, name)) {
            if (inlineValue)
                throw UsageError{"option --" + name + " takes no value"};
            m_flags.push_back(name);
        } else if (contains(valueOptions, name)) {
            if (!inlineValue) {
                if (i + 1 >= arguments.size())
                    throw UsageError{"option --" + name + " needs a value"};
                inlineValue = arguments[++i];
            }
            m_values.emplace(name, *inlineValue);
            if (contains(listOptions, name))
                list = name;
        } else {
            throw UsageError{"unknown option --" + name};
        }
    }
}

void Args::rejectPositionals() const
{
    if (!m_positional.empty())
        throw UsageError{"unexpected argument '" + m_positional.front() + "': every value belongs to an option"};
}

bool Args::has(const std::string &name) const { return contains(m_flags, name) || m_values.count(name) > 0; }

std::optional<std::string> Args::value(const std::string &name) const
{
    const auto range = m_values.equal_range(name);
    if (range.first == range.second)
        return std::nullopt;
    return std::prev(range.second)->second; // the last one wins
}

std::string Args::required(const std::string &name) const
{
    const auto found = value(name);
    if (!found)
        throw UsageError{"missing required option --" + name};
    return *found;
}

std::string Args::valueOr(const std::string &name, const std::string &fallback) const
{
    return value(name).value_or(fallback);
}

double Args::number(const std::string &name, double fallback) const
{
    const auto text = value(name);
    if (!text)
        return fallback;
    char *end = nullptr;
    errno = 0;
    const double parsed = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0')
        throw UsageError{"option --" + name + " expects a number, got '" + *text + "'"};
    // No option means anything by nan or inf; 1e999 reads as inf.
    if (!std::isfinite(parsed) || errno == ERANGE && std::abs(parsed) > 1.0)
        throw UsageError{"option --" + name + " expects a finite number, got '" + *text + "'"};
    return parsed;
}

int64_t Args::integer(const std::string &name, int64_t fallback) const
{
    const auto text = value(name);
    if (!text)
        return fallback;
    char *end = nullptr;
    errno = 0;
    const long long parsed = std::strtoll(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0')
        throw UsageError{"option --" + name + " expects an integer, got '" + *text + "'"};
    if (errno == ERANGE)
        throw UsageError{"option --" + name + " expects an integer, got '" + *text + "' (out of range)"};
    return parsed;
}

namespace {

template <typename T>
std::string atLeastMessage(const std::string &name, T minimum)
{
    if (std::is_integral_v<T> && minimum == T(1))
        return "--" + name + " must be a positive number";
    if (minimum == T(0))
        return "--" + name + " must be 0 or a positive number";
    return fmt::format("--{} must be at least {}", name, minimum);
}

} // namespace

int64_t Args::integerAtLeast(const std::string &name, int64_t fallback, int64_t minimum) const
{
    const int64_t parsed = integer(name, fallback);
    if (parsed < minimum)
        throw UsageError{fmt::format("{}, got {}", atLeastMessage(name, minimum), parsed)};
    return parsed;
}

double Args::numberAtLeast(const std::string &name, double fallback, double minimum) const
{
    const double parsed = number(name, fallback);
    if (parsed < minimum)
        throw UsageError{fmt::format("{}, got {}", atLeastMessage(name, minimum), parsed)};
    return parsed;
}

int64_t Args::integerIn(const std::string &name, int64_t fallback, int64_t low, int64_t high) const
{
    const int64_t parsed = integer(name, fallback);
    if (parsed < low || parsed > high)
        throw UsageError{fmt::format("--{} must be from {} to {}, got {}", name, low, high, parsed)};
    return parsed;
}

double Args::numberIn(const std::string &name, double fallback, double low, double high, const char *range) const
{
    const double parsed = number(name, fallback);
    if (parsed < low || parsed > high)
        throw UsageError{fmt::format("--{} must be {}, got {}", name, range, parsed)};
    return parsed;
}

std::string Args::device(const std::string &fallback) const
{
    const std::string name = valueOr("device", fallback);
    if (!core::isDeviceName(name))
        throw UsageError{"option --device expects cpu, cuda, cuda:N or auto, got '" + name + "'"};
    return name;
}

std::vector<std::string> Args::values(const std::string &name) const
{
    std::vector<std::string> out;
    const auto range = m_values.equal_range(name);
    for (auto it = range.first; it != range.second; ++it)
        out.push_back(it->second);
    return out;
}

int64_t smoothOption(const Args &args, int64_t fallback)
{
    const int64_t smooth = args.integer("smooth", fallback);
    if (smooth < 0 || (smooth != 0 && smooth % 2 == 0))
        throw UsageError{fmt::format("--smooth must be 0 or an odd kernel size (1, 3, 5, ...), got {}", smooth)};
    return smooth;
}

double alphaPercentileOption(const Args &args, double fallback)
{
    const double percentile = args.number("alpha-percentile", fallback);
    if (!(percentile > 0.0 && percentile <= 100.0))
        throw UsageError{fmt::format("--alpha-percentile must be above 0 and at most 100, got {}", percentile)};
    return percentile;
}

uint64_t seedOption(const Args &args, int64_t fallback)
{
    return static_cast<uint64_t>(args.integerAtLeast("seed", fallback, 0));
}

int workersOption(const Args &args, int fallback)
{
    return static_cast<int>(args.integerIn("workers", fallback, 0, 256));
}

} // namespace bcos::cli
