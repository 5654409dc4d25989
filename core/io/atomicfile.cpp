#include "atomicfile.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <unistd.h>

namespace bcos::core {
namespace {

std::filesystem::path temporaryPathFor(const std::filesystem::path &path)
{
    std::random_device device;
    const auto suffix = fmt::format(".tmp-{:08x}", device());
    return path.parent_path() / (path.filename().string() + suffix);
}

void syncFile(const std::filesystem::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

void writeFileAtomically(const std::filesystem::path &path, const std::function<void(std::ostream &)> &write)
{
    const auto temporary = temporaryPathFor(path);
    try {
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            if (!out)
                fail(ErrorCode::Io, "{}: cannot create: {}", temporary.string(), std::strerror(errno));
            write(out);
            out.flush();
            if (!out)
                fail(ErrorCode::Io, "{}: write failed (disk full?)", path.string());
        }
        syncFile(temporary);
        std::error_code ec;
        std::filesystem::rename(temporary, path, ec);
        if (ec)
            fail(ErrorCode::Io, "{}: cannot rename temporary file into place: {}", path.string(), ec.message());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

} // namespace bcos::core
