#include "clirun.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <sys/wait.h>

namespace bcos::test {
namespace {

/// Under ASan (allocator_may_return_null=1) an impossible allocation first prints
/// "==PID==WARNING: AddressSanitizer failed to allocate 0x... bytes" before LibTorch throws; that notice is the
/// sanitizer's, not the program's, so the exact-message checks compare the output without it.
std::string withoutSanitizerAllocationWarnings(const std::string &text)
{
    static const std::regex warning("==[0-9]+==WARNING: AddressSanitizer failed to allocate 0x[0-9a-f]+ bytes\n");
    return std::regex_replace(text, warning, "");
}

} // namespace

std::string readTextFile(const std::filesystem::path &path)
{
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

CliRun runCli(const std::string &program, const std::string &arguments, const std::filesystem::path &scratch)
{
    const auto out = scratch / "cli-stdout.txt", err = scratch / "cli-stderr.txt";
    const std::string command = program + " " + arguments + " >" + out.string() + " 2>" + err.string();
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, readTextFile(out),
            withoutSanitizerAllocationWarnings(readTextFile(err))};
}

} // namespace bcos::test
