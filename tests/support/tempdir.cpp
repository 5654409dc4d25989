#include "tempdir.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace bcos::test {

TempDir::TempDir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "bcos-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary directory");
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

} // namespace bcos::test
