#include "externaldata.h"

#include <cstdlib>
#include <string>

namespace bcos::test {

std::filesystem::path fashionMnistDir()
{
    const std::filesystem::path dir = "/usr/share/datasets/fashion-mnist";
    std::error_code error;
    return std::filesystem::is_directory(dir, error) ? dir : std::filesystem::path{};
}

bool systemPythonHasTorch()
{
    static const bool has = [] {
        const std::string check = std::string(kSystemPython) + " -c 'import torch' > /dev/null 2>&1";
        return std::system(check.c_str()) == 0;
    }();
    return has;
}

} // namespace bcos::test
