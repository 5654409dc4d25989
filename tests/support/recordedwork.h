#pragma once
// A stand-in for a CUDA graph (core::CapturedWork) on the CPU, for the code around graphs: the trainer's replayed
// steps and the explanation passes' graphs.

#include "core/cudagraph.h"

#include <functional>
#include <utility>

namespace bcos::test {

/// Capturing runs the work once: what a capture does on the host (tensors allocated, gradients and outputs bound)
/// together with the numbers of the replay that follows the capture; that first replay then runs nothing, every
/// later one runs the work again. Where a real graph would replay numbers the host baked in at the capture, this one
/// recomputes them: the device-side values those tests check are read the same way by both.
class RecordedWork : public core::ReplayableWork {
public:
    RecordedWork(std::function<void()> work, int &replays)
        : m_work(std::move(work))
        , m_replays(replays)
    {
        m_work();
    }
    void replay() override
    {
        ++m_replays;
        if (m_captured) {
            m_captured = false;
            return;
        }
        m_work();
    }

private:
    std::function<void()> m_work;
    int &m_replays;
    bool m_captured = true;
};

} // namespace bcos::test
