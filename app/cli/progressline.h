#pragma once

#include "app/cli/interrupt.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace bcos::cli {

/// Progress of a long evaluation on stderr: on a terminal one line "<label> 12/500" rewritten in place, in a
/// log a line per tenth of the work. While it lives, Ctrl-C or SIGTERM make report() return false, which the
/// core's progress seams turn into Error{Cancelled} at their next check.
class ProgressLine {
public:
    explicit ProgressLine(std::string label);
    ~ProgressLine();
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    /// Shows done of total; false once a stop was requested.
    bool report(int64_t done, int64_t total);
    /// The same inside a long step: `fraction` in [0, 1] of the whole work is done, `done` of `total` items are
    /// finished. The line shows "<label> 256/1000 (31 %)"; a log prints it at each tenth of `fraction`.
    bool report(int64_t done, int64_t total, double fraction);
    bool stopRequested() const { return m_stop.load(); }

private:
    std::string m_label;
    bool m_tty;
    bool m_open = false;
    int64_t m_tenthsPrinted = 0;
    std::atomic<bool> m_stop{false};
    InterruptFlag m_interrupt{m_stop}; // after m_stop, which it points to
};

} // namespace bcos::cli
