#pragma once

#include <cstdint>

namespace bcos::core {

/// Bytes of memory in use on CUDA device `device` (total minus free, as cudaMemGetInfo reports it: every
/// process on the device, including the caching allocator's reserve), or -1 when it cannot be known: no CUDA
/// runtime loaded in this process (a CPU LibTorch), a bad device index, or a failing query.
/// The CUDA runtime is looked up at run time among the libraries already loaded (a CUDA LibTorch loads it), so
/// the core needs no CUDA headers and builds the same against CPU and CUDA LibTorch.
int64_t cudaMemoryInUse(int device);

} // namespace bcos::core
