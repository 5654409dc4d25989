#pragma once

#include <fmt/format.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bcos::core {

/// What kind of expected failure an Error reports; lets callers (CLI exit codes, GUI dialogs) react.
enum class ErrorCode {
    InvalidArgument, ///< a parameter or option has a value we cannot use
    Io,              ///< a file could not be opened, read, written or renamed
    Format,          ///< a file is malformed: truncated, inconsistent, wrong magic
    Unsupported,     ///< valid input that we deliberately do not handle (forbidden pickle global, dtype)
    Mismatch,        ///< weights do not fit an architecture (missing/unexpected keys, shapes)
    Cancelled,       ///< the user cancelled a long operation
    Numerical,       ///< NaN/Inf or out-of-memory during computation
    Internal,        ///< a LibTorch/OpenCV error we could not attribute more precisely
};

std::string_view errorCodeName(ErrorCode code);

/// The single exception type that leaves the core. Its message names the file, the field and what
/// was expected, and is meant to be shown to a user as is.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string &message)
        : std::runtime_error(message)
        , m_code(code)
    {
    }
    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

template <class... Args>
[[noreturn]] void fail(ErrorCode code, fmt::format_string<Args...> format, Args &&...args)
{
    throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

/// Runs `work`, translating c10::Error (and std::bad_alloc) into bcos::core::Error with `context`
/// prefixed, so raw LibTorch messages with C++ backtraces never reach a user.
void translateTorchErrors(std::string_view context, const std::function<void()> &work);

/// The first line of a LibTorch message, without its backtrace.
std::string torchMessage(const std::exception &error);

} // namespace bcos::core
