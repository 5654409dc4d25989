// CapturedWork with a CUDA LibTorch: at::cuda::CUDAGraph.
#include "cudagraph.h"

#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/cuda.h>

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
    torch::cuda::synchronize();
    const c10::cuda::CUDAStream side = c10::cuda::getStreamFromPool();
    {
        const c10::cuda::CUDAStreamGuard guard(side);
        for (int i = 0; i < warmups; ++i)
            work();
        side.synchronize();
        m_graph->graph.capture_begin();
        work();
        m_graph->graph.capture_end();
    }
    torch::cuda::synchronize();
}

CapturedWork::~CapturedWork() = default;

void CapturedWork::replay()
{
    m_graph->graph.replay();
}

} // namespace bcos::core
