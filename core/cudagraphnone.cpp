// CapturedWork without a CUDA LibTorch: there is nothing to capture.
#include "cudagraph.h"

#include <stdexcept>

namespace bcos::core {

struct CapturedWork::Graph {};

bool cudaGraphsBuilt()
{
    return false;
}

CapturedWork::CapturedWork(const std::function<void()> &, int)
{
    throw std::runtime_error("CUDA graphs need a build against a CUDA LibTorch (this one is CPU-only)");
}

CapturedWork::~CapturedWork() = default;

void CapturedWork::replay() {}

} // namespace bcos::core
