#pragma once
// W(x)x passes replayed as CUDA graphs (issue "GPU II"): one explanation of one image is some hundreds of small
// kernels, launch-bound on a GPU; a replayed graph launches them at once. On when BCOS_CUDA_GRAPHS=1 is in the
// environment or `bcos explain --cuda-graphs` is given; explainWxx() then uses them for a network on a GPU.

#include "core/cudagraph.h"
#include "core/explain/wxx.h"

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bcos::core {

class NetworkImpl;
class WxxGraphs;

/// Whether explainWxx() replays CUDA graphs for networks on a GPU: BCOS_CUDA_GRAPHS=1 in the environment at the first
/// call, or setWxxGraphsEnabled().
bool wxxGraphsEnabled();
void setWxxGraphsEnabled(bool enabled);

/// The graphs of `network`'s W(x)x passes, kept while the network lives (it must be owned by a shared pointer, as
/// Network holds it); explainWxx() uses them.
WxxGraphs &wxxGraphsOf(NetworkImpl &network);

/// The W(x)x passes of one network as graphs, one per input shape (and whether targets are given), at most
/// `maxGraphs` (the least recently used one goes). A shape's first pass runs eagerly (the warm-up: cuDNN's algorithm
/// search, lazy initialisation), its second is captured and replayed, later ones replay: they copy their images (and
/// targets) into the graph's inputs and return copies of its outputs. When the network's tensors are no longer the
/// ones captured (moved to another device, reloaded) every graph is dropped; a capture that fails turns the graphs
/// off for good (disabledReason() says why) and the passes run eagerly. Only passes of up to kMaxImages images are
/// graphed: one image's pass is launch-bound, a large batch's is not, and a graph keeps its pass's memory for as long
/// as it lives. Thread-safe: passes run one at a time. (A capture can also fail because another thread synchronises
/// the GPU at that moment; the graphs are then off for this network.)
class WxxGraphs {
public:
    /// A capture function for tests (a stand-in for core::CapturedWork on the CPU); CapturedWork when unset.
    using Capture = std::function<std::unique_ptr<ReplayableWork>(const std::function<void()> &)>;
    static constexpr int64_t kMaxImages = 8;
    explicit WxxGraphs(Capture capture = {}, size_t maxGraphs = 4);
    ~WxxGraphs();
    WxxGraphs(const WxxGraphs &) = delete;
    WxxGraphs &operator=(const WxxGraphs &) = delete;

    /// explainWxx(network, images, targets), through a graph where one is captured or can be. `targets` are checked
    /// as explainWxx() checks them.
    WxxResult explain(NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets = {});

    int64_t replays() const;
    size_t graphCount() const;
    std::string disabledReason() const;

private:
    struct Entry;
    mutable std::mutex m_mutex;
    Capture m_capture;
    size_t m_maxGraphs;
    std::list<std::unique_ptr<Entry>> m_entries; ///< most recently used first
    std::vector<const void *> m_tensors;         ///< the network's parameters and buffers the graphs read
    int64_t m_replays = 0;
    std::string m_disabled;
};

} // namespace bcos::core
