// RunLog written and read back (readRunLog), and the exact errors for malformed run directories.
#include "core/error.h"
#include "core/train/runlog.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

namespace bcos {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void writeFile(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// The message of the core::Error that `work` throws (fails the test when it throws none).
template <class Work>
std::string errorOf(Work work, core::ErrorCode expectedCode)
{
    try {
        work();
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), expectedCode) << error.what();
        return error.what();
    }
    ADD_FAILURE() << "no core::Error thrown";
    return {};
}

TEST(RunLogReader, ReadsBackWhatRunLogWrote)
{
    test::TempDir dir;
    const auto run = dir / "bcosify-b2";
    const core::RunLog log(run);
    log.appendEpoch({0, 1.25, 0.5, 1.5, 0.45, 0.9, kNaN, 1e-4, 12.5});
    log.appendEpoch({1, 0.75, 0.625, 1.0, 0.6, 0.95, kNaN, 5e-5, 11.0});
    log.appendEpoch({2, 0.5, 0.75, kNaN, kNaN, kNaN, kNaN, 1e-5, 10.0}); // no validation set

    const core::RunHistory history = core::readRunLog(run);
    EXPECT_EQ(history.name, "bcosify-b2");
    EXPECT_EQ(history.source, run / "metrics.csv");
    ASSERT_EQ(history.epochs.size(), 3u);
    EXPECT_EQ(history.epochs[0].epoch, 0);
    EXPECT_EQ(history.epochs[2].epoch, 2);
    EXPECT_DOUBLE_EQ(history.epochs[0].trainLoss, 1.25);
    EXPECT_DOUBLE_EQ(history.epochs[1].trainTop1, 0.625);
    EXPECT_DOUBLE_EQ(history.epochs[1].valLoss, 1.0);
    EXPECT_DOUBLE_EQ(history.epochs[1].valTop1, 0.6);
    EXPECT_DOUBLE_EQ(history.epochs[1].valTop5, 0.95);
    EXPECT_DOUBLE_EQ(history.epochs[1].learningRate, 5e-5);
    EXPECT_DOUBLE_EQ(history.epochs[0].seconds, 12.5);
    EXPECT_TRUE(std::isnan(history.epochs[0].valCosine));
    EXPECT_TRUE(std::isnan(history.epochs[2].valTop1));
    // A trailing slash names the same run.
    EXPECT_EQ(core::readRunLog(run.string() + "/").name, "bcosify-b2");
}

TEST(RunLogReader, FindsColumnsByNameAndDefaultsOptionalOnesToNaN)
{
    test::TempDir dir;
    writeFile(dir / "metrics.csv", "val_top1,epoch,extra,train_top1,train_loss\r\n0.5,1,x,0.25,2\r\n,2,y,0.5,1.5\r\n\r\n");
    const core::RunHistory history = core::readRunLog(dir.path());
    ASSERT_EQ(history.epochs.size(), 2u);
    EXPECT_EQ(history.epochs[1].epoch, 1);
    EXPECT_DOUBLE_EQ(history.epochs[0].valTop1, 0.5);
    EXPECT_DOUBLE_EQ(history.epochs[0].trainTop1, 0.25);
    EXPECT_DOUBLE_EQ(history.epochs[1].trainLoss, 1.5);
    EXPECT_TRUE(std::isnan(history.epochs[1].valTop1)); // empty field
    EXPECT_TRUE(std::isnan(history.epochs[0].valLoss));  // no such column
    EXPECT_TRUE(std::isnan(history.epochs[0].seconds));
}

TEST(RunLogReader, FallsBackToTheEpochLinesOfMetricsJsonl)
{
    test::TempDir dir;
    writeFile(dir / "metrics.jsonl",
              "{\"type\":\"step\",\"epoch\":0,\"step\":1,\"loss\":3.0}\n"
              "{\"type\":\"epoch\",\"epoch\":1,\"train_loss\":2.5,\"train_top1\":0.25,\"val_top1\":null}\n");
    const core::RunHistory history = core::readRunLog(dir.path());
    EXPECT_EQ(history.source, dir / "metrics.jsonl");
    ASSERT_EQ(history.epochs.size(), 1u);
    EXPECT_EQ(history.epochs[0].epoch, 0);
    EXPECT_DOUBLE_EQ(history.epochs[0].trainLoss, 2.5);
    EXPECT_DOUBLE_EQ(history.epochs[0].trainTop1, 0.25);
    EXPECT_TRUE(std::isnan(history.epochs[0].valTop1));
}

TEST(RunLogReader, MalformedCsvNamesTheFileTheLineAndTheField)
{
    test::TempDir dir;
    const std::string csv = (dir / "metrics.csv").string();
    const auto read = [&dir] { core::readRunLog(dir.path()); };
    const std::string header = core::RunLog::csvHeader();

    writeFile(dir / "metrics.csv", header + "\n1,0.5,0.25,0.5,0.5,0.9,nan,0.001,2.0\n2,0.4,0.3\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format),
              csv + ":3: expected 9 comma-separated fields as in the header, found 3");

    writeFile(dir / "metrics.csv", header + "\n1,0.5,abc,0.5,0.5,0.9,nan,0.001,2.0\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), csv + ":2: train_top1 'abc' is not a number");

    writeFile(dir / "metrics.csv", header + "\n0,0.5,0.25,0.5,0.5,0.9,nan,0.001,2.0\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), csv + ":2: epoch '0' is not a positive integer");

    writeFile(dir / "metrics.csv", "epoch,train_loss,val_top1\n1,0.5,0.5\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format),
              csv + ":1: the header has no 'train_top1' column (expected '" + header + "')");

    writeFile(dir / "metrics.csv", "");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), csv + ":1: expected the header line '" + header + "'");

    writeFile(dir / "metrics.csv", header + "\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), csv + ": no epoch has been recorded");
}

TEST(RunLogReader, MalformedJsonlAndMissingFilesAreClearErrors)
{
    test::TempDir dir;
    const auto read = [&dir] { core::readRunLog(dir.path()); };
    EXPECT_EQ(errorOf(read, core::ErrorCode::Io),
              dir.path().string() + " has no metrics.csv or metrics.jsonl; expected a run directory written by "
                                    "`bcos train` or the training panel");
    EXPECT_EQ(errorOf([&dir] { core::readRunLog(dir / "missing"); }, core::ErrorCode::Io),
              (dir / "missing").string() + " is not a directory; expected a run directory with metrics.csv");

    const std::string jsonl = (dir / "metrics.jsonl").string();
    writeFile(dir / "metrics.jsonl", "{\"type\":\"epoch\",\"epoch\":1,\"train_loss\":1}\nnot json\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), jsonl + ":2: expected one JSON object per line");
    writeFile(dir / "metrics.jsonl", "{\"type\":\"epoch\",\"epoch\":1,\"train_loss\":\"high\"}\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), jsonl + ":1: \"train_loss\" must be a number or null");
    writeFile(dir / "metrics.jsonl", "{\"type\":\"epoch\",\"train_loss\":1}\n");
    EXPECT_EQ(errorOf(read, core::ErrorCode::Format), jsonl + ":1: \"epoch\" must be a positive integer");
}

} // namespace
} // namespace bcos
