#include "error.h"

#include <c10/util/Exception.h>

#include <cstdlib>
#include <iterator>
#include <new>

namespace bcos::core {

std::string_view errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::Io: return "I/O error";
    case ErrorCode::Format: return "format error";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Mismatch: return "mismatch";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Numerical: return "numerical error";
    case ErrorCode::Internal: return "internal error";
    }
    return "error";
}

std::string torchMessage(const std::exception &error)
{
    std::string text;
    if (const auto *c10error = dynamic_cast<const c10::Error *>(&error))
        text = c10error->what_without_backtrace();
    else
        text = error.what();
    const auto newline = text.find('\n');
    if (newline != std::string::npos)
        text.resize(newline);
    return text;
}

namespace {

/// "out of memory: could not allocate 23.3 TiB" from LibTorch's CPU allocator message ("you tried to allocate
/// N bytes"); other out-of-memory messages (CUDA's names the size itself) are kept after the prefix.
std::string outOfMemoryMessage(std::string_view context, const std::string &message)
{
    const std::string marker = "tried to allocate ";
    const auto at = message.find(marker);
    if (at != std::string::npos && message.find(" bytes", at) != std::string::npos) {
        double size = std::strtod(message.c_str() + at + marker.size(), nullptr);
        const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        size_t unit = 0;
        while (size >= 1024.0 && unit + 1 < std::size(units)) {
            size /= 1024.0;
            ++unit;
        }
        return fmt::format("{}: out of memory: could not allocate {:.1f} {}", context, size, units[unit]);
    }
    return fmt::format("{}: out of memory ({})", context, message);
}

} // namespace

void translateTorchErrors(std::string_view context, const std::function<void()> &work)
{
    try {
        work();
    } catch (const Error &) {
        throw;
    } catch (const std::bad_alloc &) {
        throw Error(ErrorCode::Numerical, fmt::format("{}: out of memory", context));
    } catch (const c10::Error &error) {
        const std::string message = torchMessage(error);
        const bool oom = message.find("out of memory") != std::string::npos
            || message.find("can't allocate memory") != std::string::npos
            || message.find("not enough memory") != std::string::npos;
        if (oom)
            throw Error(ErrorCode::Numerical, outOfMemoryMessage(context, message));
        throw Error(ErrorCode::Internal, fmt::format("{}: {}", context, message));
    }
}

} // namespace bcos::core
