#pragma once

#include <filesystem>
#include <string>

namespace bcos::test {

/// What a command-line run produced.
struct CliRun {
    int status = -1;  ///< exit status (-1: killed by a signal)
    std::string out;  ///< everything written to stdout
    std::string err;  ///< everything written to stderr
};

/// Runs `program arguments` through the shell (arguments are passed verbatim, quote paths yourself) with
/// stdout/stderr captured in files under `scratch`.
CliRun runCli(const std::string &program, const std::string &arguments, const std::filesystem::path &scratch);

/// The whole content of a text file ("" when it cannot be read).
std::string readTextFile(const std::filesystem::path &path);

} // namespace bcos::test
