#include "filebytes.h"

#include "core/error.h"

#include <fstream>
#include <iterator>

#ifdef BCOS_HAVE_ZLIB
#include <zlib.h>
#endif

namespace bcos::core {
namespace {

std::string readPlain(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(ErrorCode::Io, "cannot open {}", path.string());
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        fail(ErrorCode::Io, "cannot read {}", path.string());
    return bytes;
}

std::string readGzip(const std::filesystem::path &path)
{
#ifdef BCOS_HAVE_ZLIB
    if (!std::filesystem::is_regular_file(path))
        fail(ErrorCode::Io, "cannot open {}", path.string());
    gzFile file = gzopen(path.string().c_str(), "rb");
    if (file == nullptr)
        fail(ErrorCode::Io, "cannot open {}", path.string());
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        const int got = gzread(file, buffer, sizeof(buffer));
        if (got < 0) {
            int code = 0;
            const std::string message = gzerror(file, &code);
            gzclose(file);
            if (code == Z_BUF_ERROR) // zlib's "unexpected end of file"
                fail(ErrorCode::Format, "{}: truncated gzip data (the compressed stream ends early)", path.string());
            fail(ErrorCode::Format, "{}: corrupt gzip data ({})", path.string(), message);
        }
        if (got == 0)
            break;
        bytes.append(buffer, static_cast<size_t>(got));
    }
    // gzread reports a stream cut short as end of file; gzclose_r then returns Z_BUF_ERROR.
    const int closed = gzclose_r(file);
    if (closed == Z_BUF_ERROR)
        fail(ErrorCode::Format, "{}: truncated gzip data (the compressed stream ends early)", path.string());
    if (closed != Z_OK)
        fail(ErrorCode::Format, "{}: corrupt gzip data", path.string());
    return bytes;
#else
    fail(ErrorCode::Unsupported, "{}: gzip-compressed, but this build has no zlib; decompress it first",
         path.string());
#endif
}

} // namespace

std::string readFileBytes(const std::filesystem::path &path)
{
    if (path.extension() == ".gz")
        return readGzip(path);
    return readPlain(path);
}

std::filesystem::path findPlainOrGzip(const std::filesystem::path &base)
{
    if (std::filesystem::exists(base))
        return base;
    auto gz = base;
    gz += ".gz";
    if (std::filesystem::exists(gz))
        return gz;
    fail(ErrorCode::Io, "missing dataset file {} (or {})", base.string(), gz.string());
}

} // namespace bcos::core
