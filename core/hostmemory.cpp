#include "hostmemory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace bcos::core {
namespace {

/// The value in kB of the line "<key>: <value> kB" of a /proc file, in bytes; -1 when absent.
int64_t procKilobytes(const char *file, const std::string &key)
{
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.compare(0, key.size(), key) != 0 || line.size() <= key.size() || line[key.size()] != ':')
            continue;
        std::istringstream value(line.substr(key.size() + 1));
        int64_t kilobytes = -1;
        value >> kilobytes;
        return kilobytes < 0 ? -1 : kilobytes * 1024;
    }
    return -1;
}

} // namespace

int64_t availableHostMemory() { return procKilobytes("/proc/meminfo", "MemAvailable"); }

} // namespace bcos::core
