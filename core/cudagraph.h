#pragma once
// CUDA graphs (issue "GPU II"): hundreds of small kernels launched as one graph. bcos-bench --cuda-graph measures
// what they give W(x)x and the training step before the studio and `bcos train` use them.

#include <functional>
#include <memory>

namespace bcos::core {

/// Whether this build has a CUDA LibTorch (graphs can be captured where a GPU is found).
bool cudaGraphsBuilt();

/// `work` captured as one CUDA graph (at::cuda::CUDAGraph) on a side stream after `warmups` runs there: replay()
/// launches all its kernels at once on the current stream, on the tensors the capture used (copy new inputs into
/// them before, read the outputs the capture assigned after). `work` must not synchronise with the host (no
/// .item(), no copies to the CPU). Throws with the CUDA error when the capture fails.
class CapturedWork {
public:
    explicit CapturedWork(const std::function<void()> &work, int warmups = 3);
    ~CapturedWork();
    CapturedWork(const CapturedWork &) = delete;
    CapturedWork &operator=(const CapturedWork &) = delete;
    void replay();

private:
    struct Graph;
    std::unique_ptr<Graph> m_graph;
};

} // namespace bcos::core
