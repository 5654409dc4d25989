#pragma once

#include <signal.h>

#include <atomic>

namespace bcos::cli {

/// Routes SIGINT (Ctrl-C) and SIGTERM to `flag` (set to true) while this object lives, so a long command stops
/// cleanly at its next progress check; the previous handlers are restored on destruction. One at a time.
class InterruptFlag {
public:
    explicit InterruptFlag(std::atomic<bool> &flag);
    ~InterruptFlag();
    InterruptFlag(const InterruptFlag &) = delete;
    InterruptFlag &operator=(const InterruptFlag &) = delete;

private:
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
};

} // namespace bcos::cli
