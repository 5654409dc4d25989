// CapturedWork with a CUDA LibTorch: at::cuda::CUDAGraph.
#include "cudagraph.h"

#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/cuda.h>

#include <optional>

namespace bcos::core {

struct CapturedWork::Graph {
    at::cuda::CUDAGraph graph;
};

bool cudaGraphsBuilt()
{
    return true;
}

CapturedWork::CapturedWork(const std::function<void()> &work, int warmups)
    : m_graph(std::make_unique<Graph>())
{
    // A graph is captured from a stream other than the default one; warm-up runs there first (cuDNN's algorithm
    // search, the caching allocator's blocks, lazy initialisation happen outside the capture).
    const c10::cuda::CUDAStream current = c10::cuda::getCurrentCUDAStream();
    const bool ownStream = current == c10::cuda::getDefaultCUDAStream(current.device_index());
    std::optional<c10::cuda::CUDAStreamGuard> guard;
    if (ownStream) {
        torch::cuda::synchronize();
        guard.emplace(c10::cuda::getStreamFromPool());
    }
    const c10::cuda::CUDAStream stream = c10::cuda::getCurrentCUDAStream();
    for (int i = 0; i < warmups; ++i)
        work();
    stream.synchronize();
    // Thread-local capture mode: the data loader's threads may allocate pinned memory meanwhile (global mode would
    // forbid them every such call while the capture lasts).
    m_graph->graph.capture_begin({0, 0}, cudaStreamCaptureModeThreadLocal);
    try {
        work();
    } catch (...) {
        try {
            m_graph->graph.capture_end(); // ends the stream's capture mode; the failed graph is dropped
        } catch (...) {
        }
        throw;
    }
    m_graph->graph.capture_end();
    if (ownStream)
        torch::cuda::synchronize();
}

CapturedWork::~CapturedWork() = default;

void CapturedWork::replay()
{
    m_graph->graph.replay();
}

struct GraphStream::Guard {
    explicit Guard(c10::cuda::CUDAStream stream)
        : guard(stream)
    {
    }
    ~Guard()
    {
        try { // the work queued here is done before the old stream is current again
            torch::cuda::synchronize();
        } catch (...) { // a CUDA error already on its way up says more
        }
    }
    c10::cuda::CUDAStreamGuard guard;
};

GraphStream::GraphStream(int deviceIndex)
{
    torch::cuda::synchronize(); // what the old stream queued (the weights' copies to the GPU) is done first
    m_guard = std::make_unique<Guard>(c10::cuda::getStreamFromPool(false, static_cast<c10::DeviceIndex>(deviceIndex)));
}

GraphStream::~GraphStream() = default;

} // namespace bcos::core
