#include "clirun.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace bcos::test {

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
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, readTextFile(out), readTextFile(err)};
}

} // namespace bcos::test
