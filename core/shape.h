#pragma once

#include <c10/util/ArrayRef.h>

#include <cstdint>
#include <string>

namespace bcos::core {

/// "[N, 6, H, W]"-style text of a tensor shape, for error messages.
std::string shapeString(c10::ArrayRef<int64_t> sizes);

} // namespace bcos::core
