#pragma once
// CUDA graphs (issue "GPU II"): hundreds of small kernels launched as one graph. `bcos train --cuda-graphs` replays
// whole training steps (core/train/trainer.cpp); bcos-bench --cuda-graph measures W(x)x and the training step.

#include <functional>
#include <memory>

namespace bcos::core {

/// Whether this build has a CUDA LibTorch (graphs can be captured where a GPU is found).
bool cudaGraphsBuilt();

/// Work recorded once and run again, as recorded, by each replay().
class ReplayableWork {
public:
    virtual ~ReplayableWork() = default;
    virtual void replay() = 0;
};

/// `work` captured as one CUDA graph (at::cuda::CUDAGraph) after `warmups` runs: replay() launches all its kernels
/// at once on the current stream, on the tensors the capture used (copy new inputs into them before, read the
/// outputs the capture assigned after). Warm-ups and the capture run on the current stream when it is not the
/// default one (a GraphStream's), else on a side stream. Capturing runs nothing: only replays do. `work` must not
/// synchronise with the host (no .item(), no copies to the CPU) and bakes in every number it reads on the host.
/// Throws with the CUDA error when the capture fails; a CPU-only build throws what it needs.
class CapturedWork : public ReplayableWork {
public:
    explicit CapturedWork(const std::function<void()> &work, int warmups = 3);
    ~CapturedWork() override;
    CapturedWork(const CapturedWork &) = delete;
    CapturedWork &operator=(const CapturedWork &) = delete;
    void replay() override;

private:
    struct Graph;
    std::unique_ptr<Graph> m_graph;
};

/// A CUDA stream of its own as this thread's current stream on GPU `deviceIndex`, for its lifetime: eager warm-up
/// steps and a later capture then run on the same stream (a capture cannot use the default stream). Throws in a
/// CPU-only build.
class GraphStream {
public:
    explicit GraphStream(int deviceIndex);
    ~GraphStream();
    GraphStream(const GraphStream &) = delete;
    GraphStream &operator=(const GraphStream &) = delete;

private:
    struct Guard;
    std::unique_ptr<Guard> m_guard;
};

} // namespace bcos::core
