#include "shape.h"

#include <fmt/format.h>
#include <fmt/ranges.h> // fmt::join (in <fmt/format.h> before fmt 10)

namespace bcos::core {

std::string shapeString(c10::ArrayRef<int64_t> sizes)
{
    return fmt::format("[{}]", fmt::join(sizes.begin(), sizes.end(), ", "));
}

} // namespace bcos::core
