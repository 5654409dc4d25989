// A shared library that exports broken copies of what core calls in the system's libraries: std::filesystem::
// remove_all (PyPI's LibTorch 2.x exports GCC 13's, which crashes with Debian 12's libstdc++) and the zlib functions
// of the gzip readers and the zip inflater. bcos_interposition_tests links it where LibTorch stands in the load
// order; core must never reach it (cmake/bcosruntime.cmake).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <system_error>

#define BCOS_EXPORT __attribute__((visibility("default")))

namespace {
int g_calls = 0;
constexpr int kStreamError = -2; // Z_STREAM_ERROR
} // namespace

extern "C" BCOS_EXPORT int bcosInterposerCalls() { return g_calls; }

namespace std::filesystem {

BCOS_EXPORT std::uintmax_t remove_all(const path &, std::error_code &error)
{
    ++g_calls;
    error = std::make_error_code(std::errc::io_error);
    return 0;
}

BCOS_EXPORT std::uintmax_t remove_all(const path &)
{
    ++g_calls;
    return 0;
}

} // namespace std::filesystem

extern "C" {

#define BCOS_BROKEN(type, name, value, ...)                                                                            \
    BCOS_EXPORT type name(__VA_ARGS__)                                                                                 \
    {                                                                                                                  \
        ++g_calls;                                                                                                     \
        return value;                                                                                                  \
    }

BCOS_BROKEN(void *, gzopen, nullptr, const char *, const char *)
BCOS_BROKEN(void *, gzopen64, nullptr, const char *, const char *)
BCOS_BROKEN(int, gzread, -1, void *, void *, unsigned)
BCOS_BROKEN(int, gzclose, kStreamError, void *)
BCOS_BROKEN(int, gzclose_r, kStreamError, void *)
BCOS_BROKEN(const char *, gzerror, "interposed", void *, int *)
BCOS_BROKEN(int, inflateInit2_, kStreamError, void *, int, const char *, int)
BCOS_BROKEN(int, inflate, kStreamError, void *, int)
BCOS_BROKEN(int, inflateEnd, kStreamError, void *)
BCOS_BROKEN(unsigned long, crc32, 0xdeadbeefUL, unsigned long, const unsigned char *, unsigned)

} // extern "C"
