#include "fuzzinput.h"

#include "core/error.h"

#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <typeinfo>
#include <unistd.h>

namespace bcos::fuzz {
namespace {

void removeScratch()
{
    std::error_code ignored;
    std::filesystem::remove_all(scratchDirectory(), ignored);
}

[[noreturn]] void abortWith(const char *kind, const char *what)
{
    std::fprintf(stderr, "\n== bcos fuzz: %s escaped the parser: %s\n", kind, what);
    std::abort();
}

} // namespace

const std::filesystem::path &scratchDirectory()
{
    static const std::filesystem::path directory = [] {
        const std::filesystem::path ramDisk = "/dev/shm";
        const auto base = std::filesystem::is_directory(ramDisk) ? ramDisk : std::filesystem::temp_directory_path();
        auto path = base / ("bcos-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        std::atexit(removeScratch);
        return path;
    }();
    return directory;
}

std::filesystem::path writeScratchFile(const std::string &name, std::string_view bytes)
{
    const auto path = scratchDirectory() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        abortWith("an I/O failure", path.c_str()); // the harness itself failed, not the parser
    return path;
}

int expectOnlyCoreErrors(const std::function<void()> &parse)
{
    static const bool singleThreaded = [] {
        at::set_num_threads(1);
        at::set_num_interop_threads(1);
        return true;
    }();
    (void)singleThreaded;
    try {
        parse();
    } catch (const core::Error &) {
        // The expected rejection of a malformed input.
    } catch (const std::exception &error) {
        abortWith(typeid(error).name(), error.what());
    } catch (...) {
        abortWith("a non-std exception", "(no message)");
    }
    return 0;
}

int parseAsFile(const std::uint8_t *data, std::size_t size, const std::string &name,
                const std::function<void(const std::filesystem::path &)> &parse)
{
    return expectOnlyCoreErrors([&] { parse(writeScratchFile(name, bytesOf(data, size))); });
}

} // namespace bcos::fuzz
