// Crash safety of bcos train and the numerical failure paths of the CLI: SIGKILL at pseudo-random moments never
// leaves a corrupt checkpoint and --resume finishes the run; SIGTERM and Ctrl-C save a checkpoint and exit 130;
// a diverging loss stops cleanly; impossible allocations give "out of memory" and a nonzero exit, not a crash.
#include "tests/badinput/inputbuilders.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/externaldata.h"
#include "tests/support/tempdir.h"

#include "core/io/safetensors.h"
#include "core/models/modelfile.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <chrono>
#include <fcntl.h>
#include <random>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace bcos::test {
namespace {

const std::string kFashionMnist = fashionMnistDir().string(); // "" when absent: the tests that train skip

/// A tiny Fashion-MNIST run: 256 training images, 8 steps per epoch, a B-cos simplecnn, one thread, a constant
/// learning rate (so runs with different --epochs train their common epochs identically).
std::string tinyRun(const std::filesystem::path &run, int epochs)
{
    return fmt::format(
        "train --mode scratch --arch simplecnn:8,16 --data idx:{} --epochs {} --train-limit 256 "
        "--val-limit 32 --batch-size 32 --workers 0 --threads 1 --no-augment --no-cosine --lr 1e-2 --seed 5 "
        "--log-every 4 --out {}",
        kFashionMnist, epochs, run.string());
}

/// Starts `bcos <arguments>` (split at spaces) with stdout and stderr in `log`; returns the child's pid.
pid_t startCli(const std::string &arguments, const std::filesystem::path &log)
{
    std::vector<std::string> words{cliPath()};
    std::istringstream in(arguments);
    for (std::string word; in >> word;)
        words.push_back(word);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char *> argv;
        for (auto &word : words)
            argv.push_back(word.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

/// The position [epoch, batch, step, seed] stored in a checkpoint; fails the test when it cannot be read whole.
std::vector<int64_t> checkpointPosition(const std::filesystem::path &file)
{
    torch::serialize::InputArchive archive;
    archive.load_from(file.string());
    torch::Tensor position, version;
    archive.read("format_version", version);
    archive.read("position", position);
    torch::serialize::InputArchive model, optimizer;
    archive.read("model", model);
    archive.read("optimizer", optimizer);
    return {position.data_ptr<int64_t>(), position.data_ptr<int64_t>() + position.numel()};
}

/// Waits (at most a minute) until `log` has a progress line after byte `from`.
void waitForProgress(const std::filesystem::path &log, std::size_t from)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (readTextFile(log).find(" step ", from) == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

TEST(CrashSafety, SigkillAtRandomMomentsThenResumeFinishes)
{
    if (kFashionMnist.empty())
        GTEST_SKIP() << kNeedsFashionMnist;
    TempDir dir;
    const auto run = dir / "run";
    const auto checkpoint = run / "checkpoint.pt";
    const auto log = dir / "killed.log";
    std::mt19937 random(20261129);
    std::uniform_int_distribution<int> startupMs(50, 600), trainingMs(0, 1500);
    int64_t lastEpoch = 0;
    int kills = 0, resumedKills = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const bool resume = std::filesystem::exists(checkpoint);
        const std::size_t logStart = readTextFile(log).size();
        // 1000 epochs: far more than any kill window covers, so a fast machine cannot finish the run first.
        const pid_t pid = startCli(tinyRun(run, 1000) + (resume ? " --resume" : ""), log);
        if (attempt == 0) { // during start-up (data loading, network construction)
            std::this_thread::sleep_for(std::chrono::milliseconds(startupMs(random)));
        } else { // during training: a random moment after this run's first progress line (machine speed aside)
            waitForProgress(log, logStart);
            std::this_thread::sleep_for(std::chrono::milliseconds(trainingMs(random)));
        }
        ASSERT_EQ(::kill(pid, SIGKILL), 0);
        int status = 0;
        ::waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it was killed:\n" << readTextFile(log);
        ++kills;
        resumedKills += resume ? 1 : 0;
        // Whatever moment the kill hit, the checkpoint is absent or complete, never older than the last one.
        if (std::filesystem::exists(checkpoint)) {
            std::vector<int64_t> position;
            ASSERT_NO_THROW(position = checkpointPosition(checkpoint)) << "kill " << attempt << " left it corrupt";
            ASSERT_EQ(position.size(), 5u);
            EXPECT_GE(position[0], lastEpoch);
            EXPECT_EQ(position[1], 0) << "epoch checkpoints start the next epoch at batch 0";
            EXPECT_EQ(position[3], 5) << "the seed";
            EXPECT_EQ(position[4], 32) << "the images per step (batch size x ranks)";
            lastEpoch = position[0];
        }
        if (std::filesystem::exists(run / "model.safetensors")) {
            EXPECT_NO_THROW(core::loadModel(run / "model.safetensors"));
        }
    }
    EXPECT_EQ(kills, 5);
    const std::string killedLog = readTextFile(log);
    EXPECT_EQ(killedLog.find("bcos train:"), std::string::npos) << "a killed run reported an error:\n" << killedLog;
    ASSERT_GT(lastEpoch, 0) << "no kill came after the first checkpoint; the runs were too slow:\n" << killedLog;
    EXPECT_GT(resumedKills, 0);

    // The last complete checkpoint is where --resume continues, and the run finishes.
    const int epochs = static_cast<int>(lastEpoch) + 2;
    const CliRun finished = runCli(cliPath(), tinyRun(run, epochs) + " --resume", dir.path());
    ASSERT_EQ(finished.status, 0) << finished.out << finished.err;
    EXPECT_NE(finished.out.find(fmt::format(", resuming at epoch {} step 0", lastEpoch + 1)), std::string::npos)
        << finished.out;
    EXPECT_EQ(checkpointPosition(checkpoint)[0], epochs);
    const core::Network resumed = core::loadModel(run / "model.safetensors");

    // Interrupted and resumed, or trained in one go: the same final weights (data order and RNG state are restored).
    const CliRun straight = runCli(cliPath(), tinyRun(dir / "straight", epochs), dir.path());
    ASSERT_EQ(straight.status, 0) << straight.out << straight.err;
    const auto a = core::readSafetensors(run / "model.safetensors").tensors;
    const auto b = core::readSafetensors(dir / "straight" / "model.safetensors").tensors;
    ASSERT_EQ(a.size(), b.size());
    for (const auto &item : a)
        EXPECT_TRUE(torch::equal(item.value(), b[item.key()])) << item.key();
}

TEST(CrashSafety, SigtermAndCtrlCSaveACheckpointThatResumeContinues)
{
    if (kFashionMnist.empty())
        GTEST_SKIP() << kNeedsFashionMnist;
    TempDir dir;
    const auto run = dir / "run";
    const auto log = dir / "interrupted.log";
    const std::string saved = fmt::format("checkpoint {}; continue with --resume\n", (run / "checkpoint.pt").string());
    std::vector<int64_t> position;
    for (const int signal : {SIGTERM, SIGINT}) {
        const std::size_t logStart = readTextFile(log).size();
        const bool resume = signal == SIGINT;
        const pid_t pid = startCli(tinyRun(run, 1000) + (resume ? " --resume" : ""), log);
        waitForProgress(log, logStart);
        ASSERT_EQ(::kill(pid, signal), 0);
        int status = 0;
        ::waitpid(pid, &status, 0);
        const std::string output = readTextFile(log).substr(logStart);
        ASSERT_TRUE(WIFEXITED(status)) << "signal " << signal << " killed the run:\n" << output;
        EXPECT_EQ(WEXITSTATUS(status), 130) << output;
        EXPECT_NE(output.find(saved), std::string::npos) << output;
        if (resume) // the second run continued where the first one's checkpoint stood
            EXPECT_NE(output.find(fmt::format(", resuming at epoch {} step {}", position[0] + 1, position[1])),
                      std::string::npos)
                << output;
        ASSERT_NO_THROW(position = checkpointPosition(run / "checkpoint.pt")) << output;
        EXPECT_EQ(position[3], 5) << "the seed";
    }
    // The interrupted run finishes with --resume.
    const int epochs = static_cast<int>(position[0]) + 1;
    const CliRun finished = runCli(cliPath(), tinyRun(run, epochs) + " --resume", dir.path());
    ASSERT_EQ(finished.status, 0) << finished.out << finished.err;
    EXPECT_NE(finished.out.find(fmt::format(", resuming at epoch {} step {}", position[0] + 1, position[1])),
              std::string::npos)
        << finished.out;
    EXPECT_NO_THROW(core::loadModel(run / "model.safetensors"));
}

TEST(CrashSafety, DivergingLossStopsCleanlyAndKeepsTheCheckpoint)
{
    if (kFashionMnist.empty())
        GTEST_SKIP() << kNeedsFashionMnist;
    TempDir dir;
    const auto run = dir / "run";
    const std::string sgd = " --optimizer sgd --no-agc";
    const CliRun first = runCli(cliPath(), tinyRun(run, 1) + sgd, dir.path());
    ASSERT_EQ(first.status, 0) << first.out << first.err;
    const std::string before = readTextFile(run / "checkpoint.pt");

    // Resume with an absurd learning rate: the weights overflow and the loss becomes NaN/Inf.
    std::string arguments = tinyRun(run, 3) + sgd + " --resume";
    arguments.replace(arguments.find("--lr 1e-2"), 9, "--lr 1e38");
    const CliRun diverged = runCli(cliPath(), arguments, dir.path());
    EXPECT_EQ(diverged.status, 1) << diverged.out << diverged.err;
    EXPECT_EQ(diverged.err,
              "bcos train: the loss became nan at epoch 2, step 2; training stopped (the last checkpoint is kept)\n");
    EXPECT_EQ(readTextFile(run / "checkpoint.pt"), before) << "the last good checkpoint must be kept";
    EXPECT_NO_THROW(checkpointPosition(run / "checkpoint.pt"));
}

TEST(CrashSafety, ImpossibleTrainingAllocationIsOutOfMemory)
{
    if (kFashionMnist.empty())
        GTEST_SKIP() << kNeedsFashionMnist;
    TempDir dir;
    std::string arguments = tinyRun(dir / "run", 1);
    // The first random crop of such images needs terabytes: refused at once (the evaluation's resize refuses over
    // 100 megapixels itself, so the crops are the training's: without --no-augment).
    arguments.erase(arguments.find(" --no-augment"), 13);
    arguments += " --image-size 1000000";
    const CliRun run = runCli(cliPath(), arguments, dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: training: out of memory: could not allocate 10.9 TiB; lower the batch size (now 32) "
                       "or the image size (now 1000000)\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "run" / "model.safetensors"));
}

TEST(CrashSafety, ImpossibleExplanationAllocationIsOutOfMemory)
{
    TempDir dir;
    const auto model = writeTinyModel(dir / "model.safetensors");
    const auto images = writeTinyImages(dir / "images.safetensors", 1);
    const CliRun run = runCli(cliPath(),
                              "explain --model " + model.string() + " --input " + images.string()
                                  + " --method rise --masks 100000000000 --batch-size 100000000000 --out "
                                  + (dir / "out.safetensors").string(),
                              dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos explain: explain (rise): out of memory: could not allocate 23.3 TiB\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "out.safetensors"));
}

} // namespace
} // namespace bcos::test
