#pragma once

#include <functional>
#include <string>

namespace bcos::test {

/// The message of the exception (core::Error or any std::exception) that `work` throws, or "no error".
std::string errorOf(const std::function<void()> &work);

} // namespace bcos::test
