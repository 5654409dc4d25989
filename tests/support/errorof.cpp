#include "errorof.h"

#include <exception>

namespace bcos::test {

std::string errorOf(const std::function<void()> &work)
{
    try {
        work();
    } catch (const std::exception &error) {
        return error.what();
    }
    return "no error";
}

} // namespace bcos::test
