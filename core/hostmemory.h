#pragma once

#include <cstdint>

namespace bcos::core {

/// Bytes of host memory the kernel estimates can be allocated without swapping (Linux: MemAvailable of
/// /proc/meminfo), or -1 when unknown. For choosing batch sizes.
int64_t availableHostMemory();

} // namespace bcos::core
