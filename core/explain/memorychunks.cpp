#include "memorychunks.h"

#include "core/gpu.h"
#include "core/hostmemory.h"

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>

#include <algorithm>
#include <optional>

namespace bcos::core {

int64_t chunkForMemory(int64_t bytesPerItem, int64_t availableBytes, int64_t items, int64_t cap, int64_t fallback)
{
    int64_t chunk = std::min(fallback, cap);
    if (bytesPerItem > 0 && availableBytes > 0)
        chunk = std::min(availableBytes / 2 / bytesPerItem, cap);
    return std::max<int64_t>(1, std::min(chunk, items));
}

int64_t availableMemory(const c10::Device &device)
{
    if (!device.is_cuda())
        return availableHostMemory();
    const int index = device.index() < 0 ? 0 : device.index();
    for (const GpuDevice &gpu : cudaDeviceList())
        if (gpu.index == index && gpu.usedBytes >= 0)
            return gpu.totalBytes - gpu.usedBytes;
    return -1;
}

struct MemoryProbe::State {
    explicit State(const c10::Device &device) : device(device) {}

    void collect(const torch::autograd::profiler::thread_event_lists &lists)
    {
        // Per thread, allocations (positive) and frees (negative) in order; the threads' peaks are added (an
        // upper bound when they overlap).
        for (const auto &events : lists) {
            int64_t inUse = 0, threadPeak = 0;
            for (const auto &event : events) {
                if (event.kind() != torch::autograd::profiler::EventKind::MemoryAlloc)
                    continue;
                inUse += device.is_cuda() ? event.cudaMemoryUsage() : event.cpuMemoryUsage();
                threadPeak = std::max(threadPeak, inUse);
            }
            peak += threadPeak;
        }
    }

    c10::Device device;
    std::optional<torch::autograd::profiler::TLSLegacyProfilerGuard> guard;
    int64_t peak = 0;
};

MemoryProbe::MemoryProbe(const c10::Device &device)
    : m_state(std::make_unique<State>(device))
{
    namespace profiler = torch::autograd::profiler;
    if (torch::profiler::impl::profilerEnabled())
        return;
    State *state = m_state.get();
    state->guard.emplace(torch::profiler::impl::ProfilerConfig(torch::profiler::impl::ProfilerState::CPU,
                                                               /*report_input_shapes=*/false, /*profile_memory=*/true),
                         [state](const profiler::thread_event_lists &lists) { state->collect(lists); });
}

MemoryProbe::~MemoryProbe() = default;

int64_t MemoryProbe::taken()
{
    if (!m_state->guard)
        return -1;
    m_state->guard.reset(); // calls collect()
    return m_state->peak > 0 ? m_state->peak : -1;
}

MemoryChunk forEachChunk(const c10::Device &device, int64_t total, int64_t chunk, int64_t cap, int64_t fallback,
                         const std::function<void(int64_t start, int64_t count)> &pass, int64_t knownBytesPerItem)
{
    MemoryChunk choice;
    if (total <= 0)
        return choice;
    if (chunk > 0) {
        choice.size = chunk;
        for (int64_t start = 0; start < total; start += chunk)
            pass(start, std::min(chunk, total - start));
        return choice;
    }
    int64_t start = 0;
    if (knownBytesPerItem > 0) {
        choice.bytesPerItem = knownBytesPerItem;
    } else {
        MemoryProbe probe(device);
        pass(0, 1);
        choice.bytesPerItem = probe.taken();
        start = 1;
    }
    choice.availableBytes = availableMemory(device);
    choice.size = start < total ? chunkForMemory(choice.bytesPerItem, choice.availableBytes, total - start, cap, fallback)
                                : 1;
    for (; start < total; start += choice.size)
        pass(start, std::min(choice.size, total - start));
    return choice;
}

} // namespace bcos::core
