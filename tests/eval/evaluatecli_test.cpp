// Runs the `bcos evaluate` command-line tool end to end on golden GridPG data.
#include "core/io/safetensors.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace bcos {
namespace {

test::CliRun runCli(const test::TempDir &dir, const std::string &arguments)
{
    return test::runCli(test::cliPath(), "evaluate " + arguments, dir.path());
}


TEST(EvaluateCli, GridPgFromStoredAttributionsMatchesTheReference)
{
    const test::GoldenCase golden("gridpg");
    const auto settings = test::gridPgSettings(golden);
    ASSERT_FALSE(settings.empty()) << "no expected.grid<n>.smooth<k>.fractions in the golden case";
    test::TempDir dir;
    for (const auto &[n, smooth] : settings) {
        SCOPED_TRACE("grid " + std::to_string(n) + ", smooth " + std::to_string(smooth));
        const std::string grid = "grid" + std::to_string(n), setting = grid + "_smooth" + std::to_string(smooth);
        const std::string expected = "expected." + grid + ".smooth" + std::to_string(smooth) + ".";
        const at::Tensor attributions = golden.tensor("input." + grid + ".attributions");
        core::TensorMap tensors;
        tensors.insert("attributions", attributions);
        tensors.insert("target_cells", golden.tensor("input." + grid + ".target_cell"));
        const std::string a = (dir / (setting + "_a.safetensors")).string();
        const std::string s = (dir / (setting + "_s.safetensors")).string();
        core::writeSafetensors(a, tensors);
        const auto run = runCli(dir, "gridpg --attributions " + a + " --grid " + std::to_string(n) + " --smooth "
                                         + std::to_string(smooth) + " --out " + s);
        ASSERT_EQ(run.status, 0) << run.err;
        const double mean = golden.json().at("checks").at(setting + "_mean_score").get<double>();
        const int64_t explanations = attributions.size(0) * attributions.size(1); // samples x n*n targets
        EXPECT_NE(run.out.find(fmt::format("localisation score: mean {:.6f} over {} explanations", mean, explanations)),
                  std::string::npos)
            << run.out;
        EXPECT_NE(run.out.find("percentiles (25, 50, 75, 100):"), std::string::npos);
        const auto result = core::readSafetensors(s);
        EXPECT_TRUE(
            test::allCloseGolden(result.tensors["fractions"], golden.tensor(expected + "fractions"), 1e-5, 1e-6));
        EXPECT_TRUE(test::allCloseGolden(result.tensors["scores"], golden.tensor(expected + "scores"), 1e-5, 1e-6));
        EXPECT_EQ(result.metadata.value("grid"), std::to_string(n));
        EXPECT_EQ(result.metadata.value("smooth"), std::to_string(smooth));
    }
}

TEST(EvaluateCli, ClearErrorsForWrongInputs)
{
    test::TempDir dir;
    core::TensorMap wrongName;
    wrongName.insert("maps", torch::zeros({1, 4, 3, 8, 8}));
    core::writeSafetensors(dir / "a.safetensors", wrongName);
    const std::string a = (dir / "a.safetensors").string(), s = (dir / "s.safetensors").string();
    auto run = runCli(dir, "gridpg --attributions " + a + " --grid 2 --out " + s);
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos evaluate: " + a + ": missing tensor 'attributions' (expected [S, T, C, H, W] floating point)\n");

    core::TensorMap wrongTargets;
    wrongTargets.insert("attributions", torch::zeros({1, 9, 3, 8, 8}));
    core::writeSafetensors(dir / "a.safetensors", wrongTargets);
    run = runCli(dir, "gridpg --attributions " + a + " --grid 2 --out " + s);
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos evaluate: " + a + ": 'attributions' has T = 9 targets, a 2x2 grid needs 4\n");

    core::TensorMap wrongCells;
    wrongCells.insert("attributions", torch::zeros({2, 4, 3, 8, 8}));
    wrongCells.insert("target_cells", torch::zeros({2, 3}, torch::kLong));
    core::writeSafetensors(dir / "a.safetensors", wrongCells);
    run = runCli(dir, "gridpg --attributions " + a + " --grid 2 --out " + s);
    EXPECT_EQ(run.err, "bcos evaluate: " + a + ": 'target_cells' must be [2, 4], got [2, 3]\n");

    run = runCli(dir, "gridpg --attributions " + a + " --grid 4 --out " + s);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "bcos evaluate: option --grid expects 2 or 3, got 4\n");
    run = runCli(dir, "gridpg --attributions " + a + " --model m.safetensors --grid 2 --out " + s);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "bcos evaluate: gridpg needs exactly one of --attributions or --model\n");
    run = runCli(dir, "ranking");
    EXPECT_EQ(run.err, "bcos evaluate: unknown subcommand 'ranking' (expected gridpg, accuracy, clip-mosaic or a metric: "
                       "deletion, insertion, road-morf, road-lerf, epg, average-drop, confidence-increase, sparseness, "
                       "complexity, randomisation)\n");
    run = runCli(dir, "gridpg --attributions " + (dir / "missing.safetensors").string() + " --grid 2 --out " + s);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("missing.safetensors"), std::string::npos) << run.err;
}

} // namespace
} // namespace bcos
