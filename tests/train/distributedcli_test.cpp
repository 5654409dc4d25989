// bcos train on several processes through the built binary: 2 Gloo ranks on loopback (--nproc-per-node and
// torchrun's variables set by hand) against 1 process at the doubled batch, resuming with another world size,
// a rank killed mid-epoch, Ctrl-C/SIGTERM, and a port in use. Every wait is bounded.
#include "core/io/safetensors.h"
#include "tests/support/buildpaths.h"
#include "tests/support/childprocess.h"
#include "tests/support/clirun.h"
#include "tests/support/externaldata.h"
#include "tests/support/ports.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fmt/format.h>

#include <signal.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace bcos {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kFashionMnist = test::fashionMnistDir().string();
constexpr auto kRunLimit = 120s; // no run here takes more than a few seconds; a hang fails the test instead

class TrainDistributedCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (kFashionMnist.empty())
            GTEST_SKIP() << test::kNeedsFashionMnist;
        if (!BCOS_HAVE_DISTRIBUTED)
            GTEST_SKIP() << test::kNeedsGloo;
    }

    /// A small standard DenseNet (pretrained for 2 steps) to B-cosify; once per test.
    fs::path standardModel()
    {
        std::ofstream(m_dir / "densenet.json")
            << R"({"family": "densenet", "growth_rate": 8, "block_config": [2, 2, 2], "num_init_features": 16,)"
               R"( "bn_size": 2, "num_classes": 10})";
        const auto run = test::runCli(test::cliPath(),
                                      "train --mode pretrain --arch " + (m_dir / "densenet.json").string()
                                          + " --data idx:" + kFashionMnist + " --epochs 1 --train-limit 64"
                                          " --val-limit 16 --batch-size 32 --workers 0 --no-augment"
                                                         " --lr 1e-2 --seed 3 --out " + (m_dir / "pretrain").string(),
                                      m_dir.path());
        EXPECT_EQ(run.status, 0) << run.out << run.err;
        return m_dir / "pretrain" / "model.safetensors";
    }

    /// `bcos train --mode bcosify` of the standard model on a Fashion-MNIST subset, Adam at lr 1e-3.
    std::string bcosify(const std::string &run, int64_t trainImages, const std::string &more)
    {
        return fmt::format("{} train --mode bcosify --weights {} --data idx:{} --train-limit {} --val-limit 16 "
                           "--workers 0 --no-augment --lr 1e-3 --seed 3 --threads 1 --dist-timeout 20 --out {} {}",
                           test::cliPath(), (m_dir / "pretrain" / "model.safetensors").string(), kFashionMnist,
                           trainImages, (m_dir / run).string(), more);
    }

    /// Runs `commands` at once (the ranks of one run); their exit statuses.
    std::vector<int> runTogether(const std::vector<std::string> &commands)
    {
        std::vector<std::unique_ptr<test::ChildProcess>> children;
        for (size_t i = 0; i < commands.size(); ++i)
            children.push_back(std::make_unique<test::ChildProcess>(commands[i], m_dir / fmt::format("out{}.txt", i),
                                                                    m_dir / fmt::format("err{}.txt", i)));
        std::vector<int> statuses;
        for (auto &child : children)
            statuses.push_back(child->wait(kRunLimit).value_or(-1));
        return statuses;
    }

    std::string output(const std::string &name) const { return test::readTextFile(m_dir / name); }

    test::TempDir m_dir;
};

/// The logged per-step losses of a run (metrics.jsonl, one per step with --log-every 1).
std::vector<double> stepLosses(const fs::path &run)
{
    std::vector<double> losses;
    std::ifstream in(run / "metrics.jsonl");
    for (std::string line; std::getline(in, line);) {
        const auto record = nlohmann::json::parse(line);
        if (record.value("type", "") == "step")
            losses.push_back(record.at("loss").get<double>());
    }
    return losses;
}

/// metrics.csv without its last column (seconds: wall time).
std::vector<std::vector<std::string>> epochRows(const fs::path &run)
{
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(run / "metrics.csv");
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::stringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');)
            cells.push_back(cell);
        cells.pop_back();
        rows.push_back(cells);
    }
    return rows;
}

/// The largest absolute difference between two model files' tensors, and the largest magnitude in the first.
std::pair<double, double> weightDifference(const fs::path &a, const fs::path &b)
{
    const auto first = core::readSafetensors(a).tensors, second = core::readSafetensors(b).tensors;
    EXPECT_EQ(first.size(), second.size());
    double difference = 0.0, magnitude = 0.0;
    for (const auto &item : first) {
        const at::Tensor x = item.value().to(torch::kDouble), y = second[item.key()].to(torch::kDouble);
        difference = std::max(difference, (x - y).abs().max().item<double>());
        magnitude = std::max(magnitude, x.abs().max().item<double>());
    }
    return {difference, magnitude};
}

/// Compares a 2-rank run with the 1-process run at the doubled batch. Tolerances from the magnitudes: the global
/// batch's loss is the same sum of the same per-image losses in another order; |loss| ~ 1.3, so they agree to a few
/// fp32 ulps (1.3 * 2^-23 ~ 1.5e-7; measured 2.4e-7 at most): 1e-6. Weights: Adam moves a weight by at most about
/// lr = 1e-3 per step, so a real difference (a wrong shard, gradients not averaged, BatchNorm not synchronised)
/// shows as ~1e-3 after 4 steps, while summation-order noise in the gradients moves m / sqrt(v) only where a
/// gradient is near zero (measured: 1.9e-5 on a BatchNorm weight, the largest weight ~1): 1e-4 lies between.
void expectSameTraining(const fs::path &reference, const fs::path &run)
{
    const auto expected = stepLosses(reference), actual = stepLosses(run);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        EXPECT_NEAR(actual[i], expected[i], 1e-6) << "step " << i + 1;
    const auto [difference, magnitude] = weightDifference(reference / "model.safetensors", run / "model.safetensors");
    EXPECT_LT(difference, 1e-4) << "largest weight " << magnitude;
    const auto expectedRows = epochRows(reference), actualRows = epochRows(run);
    ASSERT_EQ(actualRows.size(), expectedRows.size());
    for (size_t row = 0; row < expectedRows.size(); ++row) {
        ASSERT_EQ(actualRows[row].size(), expectedRows[row].size());
        for (size_t column = 0; column < expectedRows[row].size(); ++column) {
            if (row == 0 || expectedRows[row][column] == "nan")
                EXPECT_EQ(actualRows[row][column], expectedRows[row][column]);
            else
                EXPECT_NEAR(std::stod(actualRows[row][column]), std::stod(expectedRows[row][column]), 1e-5)
                    << expectedRows[0][column];
        }
    }
}

TEST_F(TrainDistributedCli, TwoSyncBnRanksTrainLikeOneProcessAtTheDoubledBatch)
{
    standardModel();
    // 64 images: 4 steps of 16, or of 2 x 8 holding the same images (rank r takes positions r, r+2, ...).
    const std::string common = "--epochs 1 --log-every 1";
    auto run = test::runCli(bcosify("one", 64, common + " --batch-size 16"), "", m_dir.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    run = test::runCli(bcosify("two", 64, common + " --batch-size 8 --sync-bn --nproc-per-node 2"), "", m_dir.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("starting 2 ranks (rendezvous on 127.0.0.1:"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("done: " + (m_dir / "two" / "model.safetensors").string()), std::string::npos) << run.out;
    expectSameTraining(m_dir / "one", m_dir / "two");

    // The same with torchrun's variables set by hand (rank 0 hosts the store).
    const std::string environment = fmt::format("env WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT={}", test::freePort());
    const std::string rank = bcosify("hand", 64, common + " --batch-size 8 --sync-bn");
    const auto statuses = runTogether({environment + " RANK=0 LOCAL_RANK=0 " + rank,
                                       environment + " RANK=1 LOCAL_RANK=1 " + rank});
    ASSERT_EQ(statuses, (std::vector<int>{0, 0})) << output("out0.txt") << output("err0.txt") << output("err1.txt");
    EXPECT_EQ(output("out1.txt"), ""); // rank 1 trains quietly
    expectSameTraining(m_dir / "one", m_dir / "hand");
}

/// Reads the port the launcher printed ("rendezvous on 127.0.0.1:P").
int rendezvousPort(const std::string &out)
{
    const std::string marker = "rendezvous on 127.0.0.1:";
    const auto at = out.find(marker);
    return at == std::string::npos ? -1 : std::stoi(out.substr(at + marker.size()));
}

/// Waits until `condition` holds (true) or `limit` passes (false).
bool waitFor(const std::function<bool()> &condition, std::chrono::milliseconds limit = kRunLimit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// SIGTERM on the launcher mid-epoch: every rank stops at the same step and rank 0 saves a checkpoint; one
// process then resumes it at half the global batch. 4091 images over 2 ranks: 2046 each, the last batch uneven.
TEST_F(TrainDistributedCli, StoppedMidEpochAndResumedWithAnotherWorldSize)
{
    standardModel();
    test::ChildProcess launcher(bcosify("run", 4091, "--epochs 1 --log-every 1 --batch-size 8 --nproc-per-node=2"),
                                m_dir / "out.txt", m_dir / "err.txt");
    ASSERT_TRUE(waitFor([&] { return stepLosses(m_dir / "run").size() >= 3; })) << output("err.txt");
    launcher.signal(SIGTERM);
    ASSERT_EQ(launcher.wait(kRunLimit), 130) << output("out.txt") << output("err.txt");
    EXPECT_NE(output("out.txt").find("checkpoint " + (m_dir / "run" / "checkpoint.pt").string()
                                     + "; continue with --resume"), std::string::npos) << output("out.txt");
    const auto done = stepLosses(m_dir / "run").size();
    EXPECT_LT(done, 256u); // 2046 / 8 = 256 steps per epoch: stopped inside it
    EXPECT_FALSE(test::isListening(rendezvousPort(output("out.txt"))));
    EXPECT_FALSE(fs::exists(m_dir / "run" / "model.safetensors"));

    auto run = test::runCli(bcosify("run", 4091, "--epochs 1 --log-every 64 --batch-size 8 --resume"), "", m_dir.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find(fmt::format("the checkpoint was written at 16 images per step, this run takes 8: continuing "
                                       "epoch 1 at step {} of 512", 2 * done)), std::string::npos) << run.out;
    EXPECT_TRUE(fs::exists(m_dir / "run" / "model.safetensors"));
    EXPECT_EQ(epochRows(m_dir / "run").size(), 2u);
}

/// The pid of the launcher's worker with RANK=`rank` (from /proc), or -1.
pid_t workerPid(pid_t launcher, int rank)
{
    for (const auto &entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream fields(line.substr(close + 2));
        std::string state;
        pid_t parent = 0;
        fields >> state >> parent;
        if (parent != launcher)
            continue;
        std::ifstream environ(entry.path() / "environ");
        const std::string variables((std::istreambuf_iterator<char>(environ)), {});
        if (variables.find(std::string("\0RANK=", 6) + std::to_string(rank) + '\0') != std::string::npos)
            return std::stoi(name);
    }
    return -1;
}

// A rank killed mid-epoch: the launcher names it and its signal, stops the other rank, exits non-zero, stops
// listening; the last checkpoint (end of epoch 1) stays valid and resumes.
TEST_F(TrainDistributedCli, ARankKilledMidEpochEndsTheRunWithItsName)
{
    standardModel();
    test::ChildProcess launcher(bcosify("run", 512, "--epochs 3 --log-every 1 --batch-size 8 --nproc-per-node 2"),
                                m_dir / "out.txt", m_dir / "err.txt");
    ASSERT_TRUE(waitFor([&] { return stepLosses(m_dir / "run").size() >= 32 + 3; })) << output("err.txt");
    ASSERT_TRUE(fs::exists(m_dir / "run" / "checkpoint.pt"));
    const pid_t victim = workerPid(launcher.pid(), 1);
    ASSERT_GT(victim, 0);
    kill(victim, SIGKILL);
    const auto status = launcher.wait(60s);
    ASSERT_TRUE(status) << "the run did not end";
    EXPECT_EQ(*status, 128 + SIGKILL);
    const std::string err = output("err.txt");
    EXPECT_NE(err.find(fmt::format("bcos train: rank 1 (pid {}) was killed by signal 9 (Killed); stopping the other "
                                   "ranks", victim)), std::string::npos) << err;
    EXPECT_NE(err.find("bcos train: rank 0: "), std::string::npos) << err; // its collective failed, named
    EXPECT_FALSE(test::isListening(rendezvousPort(output("out.txt"))));
    EXPECT_FALSE(fs::exists(m_dir / "run" / "model.safetensors"));

    auto run = test::runCli(bcosify("run", 512, "--epochs 2 --log-every 64 --batch-size 8 --nproc-per-node 2 --resume"),
                            "", m_dir.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_EQ(epochRows(m_dir / "run").size(), 3u); // header, epoch 1 (before the kill), epoch 2 (resumed)
}

// A rank that hangs (stopped): the others give up after --dist-timeout, name it, and the launcher ends the run.
TEST_F(TrainDistributedCli, AHungRankEndsTheRunAfterTheTimeoutNamingIt)
{
    standardModel();
    test::ChildProcess launcher(bcosify("run", 4096, "--epochs 1 --log-every 1 --batch-size 8 --nproc-per-node 2")
                                    + " --dist-timeout 3",
                                m_dir / "out.txt", m_dir / "err.txt");
    ASSERT_TRUE(waitFor([&] { return stepLosses(m_dir / "run").size() >= 3; })) << output("err.txt");
    const pid_t victim = workerPid(launcher.pid(), 1);
    ASSERT_GT(victim, 0);
    kill(victim, SIGSTOP);
    const auto started = std::chrono::steady_clock::now();
    const auto status = launcher.wait(60s);
    ASSERT_TRUE(status) << "the run did not end";
    EXPECT_EQ(*status, 1);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 30s); // 3 s timeout, 2 s for the reports, the stop
    const std::string err = output("err.txt");
    EXPECT_NE(err.find("(timeout 3 s; the engine says: "), std::string::npos) << err;
    EXPECT_NE(err.find("rank 1 did not report (died or hangs)"), std::string::npos) << err;
    EXPECT_NE(err.find("bcos train: rank 0 (pid "), std::string::npos) << err;
    EXPECT_FALSE(test::isListening(rendezvousPort(output("out.txt"))));
}

TEST_F(TrainDistributedCli, APortInUseOrABadVariableIsAClearError)
{
    // These fail before the weights are read: no model needed.
    const test::BusyPort busy;
    const int port = busy.port();

    auto run = test::runCli(bcosify("a", 64, fmt::format("--epochs 1 --nproc-per-node 2 --master-port {}", port)), "",
                            m_dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find(fmt::format("bcos train: cannot listen on 127.0.0.1:{} for the workers' rendezvous (", port)),
              std::string::npos) << run.err;
    EXPECT_NE(run.err.find("is the port in use? choose another with --master-port"), std::string::npos) << run.err;

    run = test::runCli(fmt::format("env RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT={} ", port)
                           + bcosify("b", 64, "--epochs 1"), "", m_dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find(fmt::format("bcos train: rank 0 cannot listen on MASTER_ADDR:MASTER_PORT = 127.0.0.1:{} (",
                                       port)), std::string::npos) << run.err;

    run = test::runCli("env RANK=0 WORLD_SIZE=0 " + bcosify("c", 64, "--epochs 1"), "", m_dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: WORLD_SIZE=0: expected the number of processes (at least 1)\n");
    run = test::runCli("env RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 " + bcosify("d", 64, "--epochs 1 --nproc-per-node 2"),
                       "", m_dir.path());
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--nproc-per-node starts its own ranks; leave it out under torchrun or SLURM"),
              std::string::npos) << run.err;

    // The process group is checked by the launcher, before any worker starts.
    run = test::runCli(bcosify("e", 64, "--epochs 1 --nproc-per-node 2 --backend mpi"), "", m_dir.path());
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "bcos train: --backend mpi: expected auto, gloo or nccl\n");
    run = test::runCli(bcosify("f", 64, "--epochs 1 --nproc-per-node 2 --backend nccl --device cpu"), "", m_dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: --backend nccl needs a GPU per rank; this rank trains on cpu (use --backend gloo, "
                       "or --device cuda)\n");
    EXPECT_FALSE(std::filesystem::exists(m_dir / "f"));
}

} // namespace
} // namespace bcos
