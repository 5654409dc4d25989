#include "core/buildinfo.h"

#include <fmt/format.h>

#include <cstring>

int main(int argc, char **argv)
{
    bcos::core::configureThreads();
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        const auto info = bcos::core::queryBuildInfo();
        fmt::print("bcos {}\nLibTorch {}\n", info.appVersion, info.torchVersion);
        return 0;
    }
    return 0;
}
