#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bcos::cli {

/// Minimal GNU-style option parser for the subcommands: "--name value", "--name=value", flags, positionals.
/// Unknown options and missing values are reported with the option's name (CLI exit status 2).
class Args {
public:
    /// `valueOptions`: options that take a value; `flagOptions`: boolean switches; `listOptions` (value options too):
    /// options whose value may be followed by more plain arguments, which are further values of the option
    /// (`--input a.png b.png`, what a shell glob gives).
    Args(const std::vector<std::string> &arguments, const std::vector<std::string> &valueOptions,
         const std::vector<std::string> &flagOptions, const std::vector<std::string> &listOptions = {});

    bool has(const std::string &name) const;
    std::optional<std::string> value(const std::string &name) const;
    std::string required(const std::string &name) const;
    std::string valueOr(const std::string &name, const std::string &fallback) const;
    /// The option's value as a finite number (nan, inf and overflowing values are UsageErrors), or `fallback`.
    double number(const std::string &name, double fallback) const;
    int64_t integer(const std::string &name, int64_t fallback) const;
    /// integer() or number() that is at least `minimum`, else UsageError "--NAME must be a positive number, got V"
    /// (minimum 1), "... must be 0 or a positive number ..." (0) or "... must be at least M ...".
    int64_t integerAtLeast(const std::string &name, int64_t fallback, int64_t minimum) const;
    double numberAtLeast(const std::string &name, double fallback, double minimum) const;
    /// integer() within [low, high], else UsageError "--NAME must be from LOW to HIGH, got V".
    int64_t integerIn(const std::string &name, int64_t fallback, int64_t low, int64_t high) const;
    /// number() within [low, high], else UsageError "--NAME must be <range>, got V" (`range` says it in words).
    double numberIn(const std::string &name, double fallback, double low, double high, const char *range) const;
    /// --device's value (or `fallback`) once it is a device name (core::isDeviceName: auto, cpu, cuda, cuda:N), else
    /// UsageError "option --device expects cpu, cuda, cuda:N or auto, got '<value>'". Whether the machine has that
    /// device is core::resolveDevice's to say.
    std::string device(const std::string &fallback) const;
    /// All values given for a repeatable option (in order).
    std::vector<std::string> values(const std::string &name) const;
    const std::vector<std::string> &positional() const { return m_positional; }
    /// For commands without positional arguments: UsageError naming the first one, so that nothing on the command
    /// line is silently left out.
    void rejectPositionals() const;

private:
    std::multimap<std::string, std::string> m_values;
    std::vector<std::string> m_flags;
    std::vector<std::string> m_positional;
};

/// Options several commands share, checked as they are read (UsageErrors naming the option):
/// --smooth: 0 or an odd kernel size (the RGBA maps' alpha smoothing, the pointing game's).
int64_t smoothOption(const Args &args, int64_t fallback);
/// --seed: 0 or a positive number (a negative one would wrap around to another seed).
uint64_t seedOption(const Args &args, int64_t fallback);
/// --alpha-percentile: the RGBA maps' alpha percentile, above 0 and at most 100.
double alphaPercentileOption(const Args &args, double fallback);
/// --workers: image loading threads, 0 (in the calling thread) to 256.
int workersOption(const Args &args, int fallback);

/// Thrown for bad command lines; main() prints "bcos <command>: <message>" and exits with status 2.
struct UsageError {
    std::string message;
};

} // namespace bcos::cli
