#pragma once

#include "app/cli/interrupt.h"
#include "core/train/trainer.h"

#include <string>

namespace bcos::cli {

/// h:mm:ss of a duration in seconds (rounded).
std::string formatDuration(double seconds);
/// "epoch E done in h:mm:ss: train loss L acc A%, val loss V top-1 T% top-5 F%, ...": the parts the epoch has (NaN
/// marks one it has not; a validation that ran shows its loss even when that is NaN).
std::string epochLine(const core::EpochMetrics &m);

/// `bcos train` progress on stdout: one line rewritten in place on a terminal, plain lines otherwise (logs).
class ProgressPrinter : public core::TrainObserver {
public:
    explicit ProgressPrinter(bool tty) : m_tty(tty) {}

    void onStart(const core::TrainStartInfo &info) override;
    void onStep(const core::StepMetrics &m) override;
    void onEpoch(const core::EpochMetrics &m) override;
    void onMessage(const std::string &message) override;
    /// Ends the line a terminal step line left open.
    void endLine();

private:
    bool m_tty;
    bool m_open = false;
};

/// The console around one training run: progress on stdout and SIGINT/SIGTERM routed to the run's cancel
/// flag (the trainer then saves a checkpoint and stops) while this object lives; the previous signal handlers
/// are restored on destruction. One at a time.
class TrainConsole {
public:
    /// `quiet`: no progress (ranks other than 0 of a data-parallel run), only the signals.
    explicit TrainConsole(bool quiet = false);
    ~TrainConsole();
    TrainConsole(const TrainConsole &) = delete;
    TrainConsole &operator=(const TrainConsole &) = delete;

    /// Observer and control for the Trainer.
    core::TrainHooks hooks();

private:
    ProgressPrinter m_printer;
    bool m_quiet;
    core::TrainControl m_control;
    InterruptFlag m_interrupt{m_control.cancel}; // after m_control, which it points into
};

} // namespace bcos::cli
