#include "mappedfile.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bcos::core {

std::shared_ptr<MappedFile> MappedFile::open(const std::filesystem::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(ErrorCode::Io, "{}: cannot open: {}", path.string(), std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        fail(ErrorCode::Io, "{}: not a regular file", path.string());
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    std::byte *data = nullptr;
    if (size > 0) {
        // MAP_PRIVATE + PROT_WRITE: copy-on-write, so in-place tensor ops never write to the file.
        void *mapped = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (mapped == MAP_FAILED) {
            const int saved = errno;
            ::close(fd);
            fail(ErrorCode::Io, "{}: cannot map {} bytes: {}", path.string(), size, std::strerror(saved));
        }
        data = static_cast<std::byte *>(mapped);
    }
    ::close(fd);
    return std::shared_ptr<MappedFile>(new MappedFile(path, data, size));
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(m_data, m_size);
}

} // namespace bcos::core
