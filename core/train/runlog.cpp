#include "runlog.h"

#include "core/error.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <locale>
#include <optional>
#include <sstream>

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
                              {"val_agreement", number(m.valAgreement)},
                              {"lr", number(m.learningRate)},
                              {"seconds", m.seconds}};
    appendLine(m_directory / "metrics.jsonl", line.dump());
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The CSV columns the reader knows, with where each goes in EpochMetrics (epoch is handled apart).
struct CsvColumn {
    const char *name;
    double EpochMetrics::*field;
    bool required;
};
/// (val_agreement is in metrics.jsonl only: metrics.csv keeps the columns that runs written before it have.)
constexpr std::array<CsvColumn, 9> kCsvColumns{{
    {"train_loss", &EpochMetrics::trainLoss, true},
    {"train_top1", &EpochMetrics::trainTop1, true},
    {"val_loss", &EpochMetrics::valLoss, false},
    {"val_top1", &EpochMetrics::valTop1, true},
    {"val_top5", &EpochMetrics::valTop5, false},
    {"val_cosine", &EpochMetrics::valCosine, false},
    {"val_agreement", &EpochMetrics::valAgreement, false},
    {"lr", &EpochMetrics::learningRate, false},
    {"seconds", &EpochMetrics::seconds, false},
}};

std::vector<std::string> splitFields(const std::string &line)
{
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ','))
        fields.push_back(field);
    if (!line.empty() && line.back() == ',') // getline drops a trailing empty field
        fields.emplace_back();
    return fields;
}

/// A CSV number, read in the C locale whatever the user's locale is (the studio sets it); fmt writes NaN and
/// infinities as "nan", "inf", "-inf", which streams do not read. Empty or "nan" is NaN.
std::optional<double> parseNumber(const std::string &text)
{
    if (text.empty() || text == "nan" || text == "-nan")
        return kNaN;
    if (text == "inf" || text == "-inf")
        return text[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    std::istringstream stream(text);
    stream.imbue(std::locale::classic());
    double value = 0.0;
    stream >> value;
    if (stream.fail() || stream.peek() != std::char_traits<char>::eof())
        return std::nullopt;
    return value;
}

/// The 1-based epoch number of a row, or nullopt when it is not a positive integer.
std::optional<int64_t> parseEpoch(const std::string &text)
{
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty() || value < 1)
        return std::nullopt;
    return value;
}

std::vector<std::string> readLines(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(ErrorCode::Io, "cannot open {}", path.string());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(std::move(line));
    }
    if (in.bad())
        fail(ErrorCode::Io, "cannot read {}", path.string());
    return lines;
}

/// Maps header names to field positions; -1 for an optional column the file does not have.
std::vector<int> csvLayout(const std::filesystem::path &path, const std::vector<std::string> &header, int &epochAt)
{
    const auto find = [&header](const std::string &name) {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return static_cast<int>(i);
        return -1;
    };
    epochAt = find("epoch");
    if (epochAt < 0)
        fail(ErrorCode::Format, "{}:1: the header has no 'epoch' column (expected '{}')", path.string(),
             RunLog::csvHeader());
    std::vector<int> layout;
    for (const CsvColumn &column : kCsvColumns) {
        layout.push_back(find(column.name));
        if (column.required && layout.back() < 0)
            fail(ErrorCode::Format, "{}:1: the header has no '{}' column (expected '{}')", path.string(), column.name,
                 RunLog::csvHeader());
    }
    return layout;
}

std::vector<EpochMetrics> readCsv(const std::filesystem::path &path)
{
    const std::vector<std::string> lines = readLines(path);
    if (lines.empty() || lines.front().empty())
        fail(ErrorCode::Format, "{}:1: expected the header line '{}'", path.string(), RunLog::csvHeader());
    const std::vector<std::string> header = splitFields(lines.front());
    int epochAt = -1;
    const std::vector<int> layout = csvLayout(path, header, epochAt);
    std::vector<EpochMetrics> epochs;
    for (size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty())
            continue;
        const size_t lineNumber = i + 1;
        const std::vector<std::string> fields = splitFields(lines[i]);
        if (fields.size() != header.size())
            fail(ErrorCode::Format, "{}:{}: expected {} comma-separated fields as in the header, found {}",
                 path.string(), lineNumber, header.size(), fields.size());
        EpochMetrics metrics;
        const auto epoch = parseEpoch(fields[epochAt]);
        if (!epoch)
            fail(ErrorCode::Format, "{}:{}: epoch '{}' is not a positive integer", path.string(), lineNumber,
                 fields[epochAt]);
        metrics.epoch = *epoch - 1;
        for (size_t c = 0; c < kCsvColumns.size(); ++c) {
            if (layout[c] < 0) {
                metrics.*kCsvColumns[c].field = kNaN;
                continue;
            }
            const auto value = parseNumber(fields[layout[c]]);
            if (!value)
                fail(ErrorCode::Format, "{}:{}: {} '{}' is not a number", path.string(), lineNumber,
                     kCsvColumns[c].name, fields[layout[c]]);
            metrics.*kCsvColumns[c].field = *value;
        }
        epochs.push_back(metrics);
    }
    return epochs;
}

std::vector<EpochMetrics> readJsonLines(const std::filesystem::path &path)
{
    const std::vector<std::string> lines = readLines(path);
    std::vector<EpochMetrics> epochs;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty())
            continue;
        const auto line = nlohmann::json::parse(lines[i], nullptr, false);
        if (!line.is_object())
            fail(ErrorCode::Format, "{}:{}: expected one JSON object per line", path.string(), i + 1);
        if (!line.contains("type") || line["type"] != "epoch")
            continue;
        const auto epoch = line.find("epoch");
        if (epoch == line.end() || !epoch->is_number_integer() || epoch->get<int64_t>() < 1)
            fail(ErrorCode::Format, "{}:{}: \"epoch\" must be a positive integer", path.string(), i + 1);
        EpochMetrics metrics;
        metrics.epoch = epoch->get<int64_t>() - 1;
        for (const CsvColumn &column : kCsvColumns) {
            const auto value = line.find(column.name);
            if (value != line.end() && !value->is_null() && !value->is_number())
                fail(ErrorCode::Format, "{}:{}: \"{}\" must be a number or null", path.string(), i + 1, column.name);
            metrics.*column.field = value == line.end() || value->is_null() ? kNaN : value->get<double>();
        }
        epochs.push_back(metrics);
    }
    return epochs;
}

} // namespace

RunHistory readRunLog(const std::filesystem::path &directory)
{
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error))
        fail(ErrorCode::Io, "{} is not a directory; expected a run directory with metrics.csv", directory.string());
    RunHistory history;
    const std::filesystem::path normal = directory.lexically_normal();
    history.name = (normal.has_filename() ? normal.filename() : normal.parent_path().filename()).string();
    if (std::filesystem::exists(directory / "metrics.csv", error)) {
        history.source = directory / "metrics.csv";
        history.epochs = readCsv(history.source);
    } else if (std::filesystem::exists(directory / "metrics.jsonl", error)) {
        history.source = directory / "metrics.jsonl";
        history.epochs = readJsonLines(history.source);
    } else {
        fail(ErrorCode::Io, "{} has no metrics.csv or metrics.jsonl; expected a run directory written by `bcos train` "
             "or the training panel", directory.string());
    }
    if (history.epochs.empty())
        fail(ErrorCode::Format, "{}: no epoch has been recorded", history.source.string());
    return history;
}

} // namespace bcos::core
