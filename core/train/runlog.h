#pragma once

#include "core/train/trainobserver.h"

#include <filesystem>
#include <string>
#include <vector>

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

/// A run read back from its directory (for comparing runs): one entry per logged epoch, in file order.
struct RunHistory {
    std::string name;                 ///< the run directory's name
    std::filesystem::path source;     ///< the file that was read (metrics.csv or metrics.jsonl)
    std::vector<EpochMetrics> epochs; ///< `epoch` 0-based as in training; values the run did not log are NaN
};

/// Reads the per-epoch metrics of a run directory written by RunLog: metrics.csv when present, else the
/// {"type": "epoch"} lines of metrics.jsonl. CSV columns are found by their header names (epoch, train_loss,
/// train_top1 and val_top1 are required, the others default to NaN); "nan" or an empty field is NaN.
/// Throws Error{Io} when the directory or both files are missing or unreadable and Error{Format} for a
/// malformed file ("<file>:<line>: ..." names the line and the field) or one without any epoch.
RunHistory readRunLog(const std::filesystem::path &directory);

} // namespace bcos::core
