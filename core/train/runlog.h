#pragma once

#include "core/train/trainobserver.h"

#include <filesystem>

namespace bcos::core {

/// The metrics files of a run directory: metrics.csv (one row per epoch) and metrics.jsonl (one JSON object
/// per line: {"type": "step", ...} every logged step and {"type": "epoch", ...} per epoch). Appends, so a
/// resumed run continues the same files; the CSV header is written once. Error{Io} names the file.
class RunLog {
public:
    /// Creates `directory` if needed; an empty path disables logging.
    explicit RunLog(std::filesystem::path directory);

    void appendStep(const StepMetrics &metrics) const;
    void appendEpoch(const EpochMetrics &metrics) const;

    static const char *csvHeader();

private:
    void appendLine(const std::filesystem::path &path, const std::string &line) const;

    std::filesystem::path m_directory;
};

} // namespace bcos::core
