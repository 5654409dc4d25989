#include "runlog.h"

#include "core/error.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace bcos::core {
namespace {

/// JSON has no NaN: unknown values are written as null.
nlohmann::json number(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

} // namespace

RunLog::RunLog(std::filesystem::path directory)
    : m_directory(std::move(directory))
{
    if (m_directory.empty())
        return;
    std::error_code error;
    std::filesystem::create_directories(m_directory, error);
    if (error)
        fail(ErrorCode::Io, "cannot create the run directory {}: {}", m_directory.string(), error.message());
}

const char *RunLog::csvHeader()
{
    return "epoch,train_loss,train_top1,val_loss,val_top1,val_top5,val_cosine,lr,seconds";
}

void RunLog::appendLine(const std::filesystem::path &path, const std::string &line) const
{
    std::ofstream out(path, std::ios::app);
    out << line << '\n';
    out.flush();
    if (!out)
        fail(ErrorCode::Io, "cannot append to {}", path.string());
}

void RunLog::appendStep(const StepMetrics &m) const
{
    if (m_directory.empty())
        return;
    nlohmann::json line{{"type", "step"},           {"epoch", m.epoch},
                        {"step", m.globalStep},     {"loss", number(m.loss)},
                        {"top1", number(m.top1)},   {"images_per_second", number(m.imagesPerSecond)},
                        {"lr", number(m.learningRate)}, {"eta_seconds", number(m.etaSeconds)}};
    if (m.gpuMemoryBytes >= 0)
        line["gpu_memory_bytes"] = m.gpuMemoryBytes;
    appendLine(m_directory / "metrics.jsonl", line.dump());
}

void RunLog::appendEpoch(const EpochMetrics &m) const
{
    if (m_directory.empty())
        return;
    const auto csv = m_directory / "metrics.csv";
    if (!std::filesystem::exists(csv))
        appendLine(csv, csvHeader());
    appendLine(csv, fmt::format("{},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.3f}", m.epoch + 1, m.trainLoss,
                                m.trainTop1, m.valLoss, m.valTop1, m.valTop5, m.valCosine, m.learningRate,
                                m.seconds));
    const nlohmann::json line{{"type", "epoch"},
                              {"epoch", m.epoch + 1},
                              {"train_loss", number(m.trainLoss)},
                              {"train_top1", number(m.trainTop1)},
                              {"val_loss", number(m.valLoss)},
                              {"val_top1", number(m.valTop1)},
                              {"val_top5", number(m.valTop5)},
                              {"val_cosine", number(m.valCosine)},
                              {"lr", number(m.learningRate)},
                              {"seconds", m.seconds}};
    appendLine(m_directory / "metrics.jsonl", line.dump());
}

} // namespace bcos::core
