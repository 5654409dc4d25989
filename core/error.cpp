#include "error.h"

#include <c10/util/Exception.h>

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
        throw Error(oom ? ErrorCode::Numerical : ErrorCode::Internal, fmt::format("{}: {}", context, message));
    }
}

} // namespace bcos::core
