#include "wxxgraphs.h"

#include "core/models/network.h"

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

namespace bcos::core {
namespace {

/// -1 until read from the environment, then 0 or 1.
std::atomic<int> &graphsSetting()
{
    static std::atomic<int> setting{-1};
    return setting;
}

/// The storage the network's parameters and buffers live in: what a captured pass reads.
std::vector<const void *> tensorAddresses(NetworkImpl &network)
{
    std::vector<const void *> addresses;
    for (const auto &parameter : network.parameters())
        addresses.push_back(parameter.data_ptr());
    for (const auto &buffer : network.buffers())
        addresses.push_back(buffer.defined() ? buffer.data_ptr() : nullptr);
    return addresses;
}

/// The graph's outputs are rewritten by its next replay: the caller gets copies.
WxxResult copied(const WxxResult &result)
{
    return {result.logits.clone(), result.targets.clone(), result.dynamicWeights.clone(),
            result.contributions.clone()};
}

} // namespace

bool wxxGraphsEnabled()
{
    int setting = graphsSetting().load();
    if (setting < 0) {
        const char *environment = std::getenv("BCOS_CUDA_GRAPHS");
        setting = environment && std::strcmp(environment, "1") == 0 ? 1 : 0;
        graphsSetting().store(setting);
    }
    return setting == 1;
}

void setWxxGraphsEnabled(bool enabled)
{
    graphsSetting().store(enabled ? 1 : 0);
}

struct WxxGraphs::Entry {
    std::vector<int64_t> shape;
    bool withTargets = false;
    int64_t classes = 0;      ///< of the warm-up pass's logits: what later targets are checked against
    at::Tensor images, targets; ///< the graph's inputs
    WxxResult result;           ///< the graph's outputs
    std::unique_ptr<ReplayableWork> graph;
};

WxxGraphs::WxxGraphs(Capture capture, size_t maxGraphs)
    : m_capture(std::move(capture))
    , m_maxGraphs(std::max<size_t>(1, maxGraphs))
{
}

WxxGraphs::~WxxGraphs() = default;

WxxResult WxxGraphs::explain(NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets)
{
    detail::checkWxxInputs(network, images);
    const std::lock_guard lock(m_mutex);
    if (!m_disabled.empty() || images.size(0) > kMaxImages)
        return detail::wxxPass(network, images, targets, /*checkTargets=*/true);
    auto tensors = tensorAddresses(network);
    if (tensors != m_tensors) { // moved or reloaded: the graphs would read memory that is no longer the network's
        m_entries.clear();
        m_tensors = std::move(tensors);
    }
    const auto shape = images.sizes().vec();
    const bool withTargets = targets.defined();
    const auto found = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto &entry) {
        return entry->shape == shape && entry->withTargets == withTargets;
    });
    if (found == m_entries.end()) { // the shape's warm-up: an eager pass
        WxxResult result = detail::wxxPass(network, images, targets, /*checkTargets=*/true);
        auto entry = std::make_unique<Entry>();
        entry->shape = shape;
        entry->withTargets = withTargets;
        entry->classes = result.logits.size(1);
        m_entries.push_front(std::move(entry));
        if (m_entries.size() > m_maxGraphs)
            m_entries.pop_back();
        return result;
    }
    m_entries.splice(m_entries.begin(), m_entries, found);
    Entry &entry = *m_entries.front();
    const at::Tensor checked = withTargets ? detail::checkedWxxTargets(targets, shape[0], entry.classes) : at::Tensor();
    if (!entry.graph) {
        const auto options = detail::wxxInputOptions(network, images);
        entry.images = torch::empty(images.sizes(), options);
        entry.images.copy_(images);
        if (withTargets) {
            entry.targets = torch::empty({shape[0]}, options.dtype(torch::kLong));
            entry.targets.copy_(checked);
        }
        Entry *captured = &entry; // the list owns entries by pointer: the address stays while it lives
        const auto work = [&network, captured] {
            captured->result = detail::wxxPass(network, captured->images, captured->targets, /*checkTargets=*/false);
        };
        try {
            // One warm-up run on the capture's stream (its cuBLAS workspace, cuDNN's handle) before the capture.
            entry.graph = m_capture ? m_capture(work) : std::make_unique<CapturedWork>(work, /*warmups=*/1);
        } catch (const std::exception &error) {
            m_disabled = error.what();
            m_entries.clear();
            return detail::wxxPass(network, images, targets, /*checkTargets=*/true);
        }
    } else {
        entry.images.copy_(images, /*non_blocking=*/true);
        if (withTargets)
            entry.targets.copy_(checked, /*non_blocking=*/true);
    }
    entry.graph->replay();
    ++m_replays;
    return copied(entry.result);
}

WxxGraphs &wxxGraphsOf(NetworkImpl &network)
{
    struct Kept {
        std::weak_ptr<torch::nn::Module> network;
        std::unique_ptr<WxxGraphs> graphs;
    };
    static std::mutex mutex;
    // Never destroyed: graphs still kept at exit would be destroyed after the CUDA runtime is gone.
    static auto &kept = *new std::vector<Kept>();
    const std::lock_guard lock(mutex);
    // The graphs of networks that are gone go with them (their memory pools too); a new network at a dead one's
    // address gets graphs of its own.
    kept.erase(std::remove_if(kept.begin(), kept.end(), [](const Kept &k) { return k.network.expired(); }), kept.end());
    const auto owner = network.shared_from_this();
    for (auto &k : kept)
        if (k.network.lock() == owner)
            return *k.graphs;
    kept.push_back({owner, std::make_unique<WxxGraphs>()});
    return *kept.back().graphs;
}

int64_t WxxGraphs::replays() const
{
    const std::lock_guard lock(m_mutex);
    return m_replays;
}

size_t WxxGraphs::graphCount() const
{
    const std::lock_guard lock(m_mutex);
    return static_cast<size_t>(std::count_if(m_entries.begin(), m_entries.end(),
                                             [](const auto &entry) { return entry->graph != nullptr; }));
}

std::string WxxGraphs::disabledReason() const
{
    const std::lock_guard lock(m_mutex);
    return m_disabled;
}

} // namespace bcos::core
