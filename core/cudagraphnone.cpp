// CapturedWork without a CUDA LibTorch: there is nothing to capture.
#include "cudagraph.h"

#include <stdexcept>

namespace bcos::core {
namespace {

constexpr const char *kNeedsCuda = "CUDA graphs need a build against a CUDA LibTorch (this one is CPU-only)";

} // namespace

struct CapturedWork::Graph {};
struct GraphStream::Guard {};

bool cudaGraphsBuilt()
{
    return false;
}

CapturedWork::CapturedWork(const std::function<void()> &, int)
{
    throw std::runtime_error(kNeedsCuda);
}

CapturedWork::~CapturedWork() = default;

void CapturedWork::replay() {}

GraphStream::GraphStream(int)
{
    throw std::runtime_error(kNeedsCuda);
}

GraphStream::~GraphStream() = default;

} // namespace bcos::core
