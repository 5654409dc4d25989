#include "trainconsole.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace bcos::cli {

std::string formatDuration(double seconds)
{
    const auto total = static_cast<int64_t>(seconds + 0.5);
    return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
}

void ProgressPrinter::onStart(const core::TrainStartInfo &info)
{
    fmt::print("device {}, precision {}, channels_last {}, threads {} intra-op / {} inter-op, {} loader workers\n",
               info.device, info.precision, info.channelsLast ? "on" : "off", info.intraOpThreads,
               info.interOpThreads, info.loaderWorkers);
    fmt::print("{} training / {} validation images, {} steps per epoch{}\n", info.trainSize, info.valSize,
               info.stepsPerEpoch,
               info.startEpoch > 0 || info.startBatch > 0
                   ? fmt::format(", resuming at epoch {} step {}", info.startEpoch + 1, info.startBatch)
                   : std::string());
    std::fflush(stdout);
}

void ProgressPrinter::onStep(const core::StepMetrics &m)
{
    const std::string acc = std::isnan(m.top1) ? std::string("-") : fmt::format("{:.1f}%", 100 * m.top1);
    auto line = fmt::format("epoch {} step {}/{}  loss {:.4f}  acc {}  {:.0f} img/s  lr {:.3g}  ETA {}", m.epoch + 1,
                            m.stepInEpoch, m.stepsPerEpoch, m.loss, acc, m.imagesPerSecond, m.learningRate,
                            formatDuration(m.etaSeconds));
    if (m.gpuMemoryBytes >= 0)
        line += fmt::format("  GPU {:.1f} GiB", static_cast<double>(m.gpuMemoryBytes) / (1 << 30));
    if (m_tty)
        fmt::print("\r\033[K{}", line);
    else
        fmt::print("{}\n", line);
    m_open = m_tty;
    std::fflush(stdout);
}

std::string epochLine(const core::EpochMetrics &m)
{
    std::string line =
        fmt::format("epoch {} done in {}: train loss {:.4f}", m.epoch + 1, formatDuration(m.seconds), m.trainLoss);
    if (!std::isnan(m.trainTop1))
        line += fmt::format(" acc {:.2f}%", 100 * m.trainTop1);
    if (!std::isnan(m.valLoss) || !std::isnan(m.valTop1)) // a validation that ran shows its loss, even a NaN one
        line += fmt::format(", val loss {:.4f}", std::isnan(m.valLoss) ? std::fabs(m.valLoss) : m.valLoss);
    if (!std::isnan(m.valTop1))
        line += fmt::format(" top-1 {:.2f}% top-5 {:.2f}%", 100 * m.valTop1, 100 * m.valTop5);
    if (!std::isnan(m.valCosine))
        line += fmt::format(", val cosine {:.4f}", m.valCosine);
    if (!std::isnan(m.valAgreement))
        line += fmt::format(", agrees with the teacher on {:.2f}%", 100 * m.valAgreement);
    return line;
}

void ProgressPrinter::onEpoch(const core::EpochMetrics &m)
{
    endLine();
    fmt::print("{}\n", epochLine(m));
    std::fflush(stdout);
}

void ProgressPrinter::onMessage(const std::string &message)
{
    endLine();
    fmt::print("{}\n", message);
}

void ProgressPrinter::endLine()
{
    if (m_open)
        fmt::print("\n");
    m_open = false;
}

TrainConsole::TrainConsole(bool quiet)
    : m_printer(isatty(fileno(stdout)) != 0)
    , m_quiet(quiet)
{
}

TrainConsole::~TrainConsole() { m_printer.endLine(); }

core::TrainHooks TrainConsole::hooks()
{
    core::TrainHooks hooks;
    hooks.observer = m_quiet ? nullptr : &m_printer;
    hooks.control = &m_control;
    return hooks;
}

} // namespace bcos::cli
