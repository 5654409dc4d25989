#include "core/error.h"
#include "core/eval/gridpg.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tensorcompare.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bcos {
namespace {

using test::errorOf;


/// The (sample, target) pair the JSON's gridpg.edge_cases names before `what` ("sample 0 target 0: all-negative"),
/// else the README's default.
std::pair<int64_t, int64_t> edgeCase(const nlohmann::json &json, const std::string &what,
                                     std::pair<int64_t, int64_t> fallback)
{
    if (!json.contains("gridpg") || !json["gridpg"].contains("edge_cases"))
        return fallback;
    const std::string text = json["gridpg"]["edge_cases"].get<std::string>();
    std::smatch match;
    if (!std::regex_search(text, match, std::regex("sample (\\d+) target (\\d+): " + what)))
        return fallback;
    return {std::stoll(match[1].str()), std::stoll(match[2].str())};
}

TEST(GridPgGolden, MatchesTheReferenceForEveryStoredGridAndSmoothing)
{
    const test::GoldenCase golden("gridpg");
    const auto settings = test::gridPgSettings(golden);
    ASSERT_FALSE(settings.empty()) << "no expected.grid<n>.smooth<k>.fractions in the golden case";
    const nlohmann::json &info = golden.json().at("gridpg");
    // README edge cases: sample 0 target 0 has no positive evidence, sample 1 target 1 only in its own cell.
    const auto [emptySample, emptyTarget] = edgeCase(golden.json(), "all-negative", {0, 0});
    const auto [ownSample, ownTarget] = edgeCase(golden.json(), "positive only in its cell", {1, 1});
    for (const auto &[n, smooth] : settings) {
        SCOPED_TRACE("grid " + std::to_string(n) + ", smooth " + std::to_string(smooth));
        const std::string grid = "grid" + std::to_string(n);
        const std::string expected = "expected." + grid + ".smooth" + std::to_string(smooth) + ".";
        const at::Tensor attributions = golden.tensor("input." + grid + ".attributions");
        ASSERT_EQ(attributions.dim(), 5);
        ASSERT_EQ(attributions.size(1), n * n);
        if (info.contains("samples"))
            EXPECT_EQ(attributions.size(0), info["samples"].get<int64_t>());
        if (info.contains("channels"))
            EXPECT_EQ(attributions.size(2), info["channels"].get<int64_t>());
        if (info.contains("cell_size")) {
            EXPECT_EQ(attributions.size(3), n * info["cell_size"].get<int64_t>());
            EXPECT_EQ(attributions.size(4), n * info["cell_size"].get<int64_t>());
        }
        const auto result =
            core::gridPointingGame(attributions, n, smooth, golden.tensor("input." + grid + ".target_cell"));
        EXPECT_TRUE(test::allCloseGolden(result.fractions, golden.tensor(expected + "fractions"), 1e-5, 1e-6));
        EXPECT_TRUE(test::allCloseGolden(result.scores, golden.tensor(expected + "scores"), 1e-5, 1e-6));
        const std::string check = grid + "_smooth" + std::to_string(smooth) + "_mean_score";
        const double mean = golden.json().at("checks").at(check).get<double>();
        EXPECT_NEAR(result.scores.mean().item<double>(), mean, 1e-6);
        const int64_t samples = attributions.size(0), targets = attributions.size(1);
        if (emptySample < samples && emptyTarget < targets) {
            EXPECT_EQ(result.scores[emptySample][emptyTarget].item<float>(), 0.0f);
            EXPECT_EQ(result.fractions[emptySample][emptyTarget].abs().sum().item<float>(), 0.0f);
        }
        if (smooth == 0 && ownSample < samples && ownTarget < targets)
            EXPECT_FLOAT_EQ(result.scores[ownSample][ownTarget].item<float>(), 1.0f);
    }
    // Every stored grid has expected values.
    for (const auto &item : golden.contents().tensors) {
        const std::string &name = item.key();
        const std::string prefix = "input.grid", suffix = ".attributions";
        if (name.rfind(prefix, 0) != 0 || name.size() <= prefix.size() + suffix.size()
            || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const int64_t n = std::stoll(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
        EXPECT_TRUE(std::any_of(settings.begin(), settings.end(), [n](const auto &s) { return s.first == n; })) << name;
    }
}

TEST(GridPg, CellsAreColumnMajor)
{
    // Mass only at grid row 1, column 0 of a 2x2 grid: that is cell k = 1 (row k % 2, column k / 2).
    at::Tensor maps = torch::zeros({1, 1, 8, 8});
    maps[0][0].slice(0, 4, 8).slice(1, 0, 4).fill_(2.0);
    maps[0][0][0][7] = 2.0; // row 0, column 1: cell 2
    const auto result = core::gridPointingGame(maps, 2);
    EXPECT_TRUE(torch::allclose(result.fractions[0][0], torch::tensor({0.0f, 32.0f / 34, 2.0f / 34, 0.0f})));
    EXPECT_FLOAT_EQ(result.scores[0][0].item<float>(), 0.0f); // target t = 0 by default
}

TEST(GridPg, NegativeEvidenceIsIgnored)
{
    at::Tensor maps = torch::full({1, 2, 3, 4, 4}, -1.0f);
    maps[0][1][0][3][3] = 6.0f; // channel sum 4 in cell 3 of target 1
    const auto result = core::gridPointingGame(maps, 2);
    EXPECT_FLOAT_EQ(result.scores[0][1].item<float>(), 0.0f);
    EXPECT_FLOAT_EQ(result.fractions[0][1][3].item<float>(), 1.0f);
    EXPECT_EQ(result.fractions[0][0].abs().sum().item<float>(), 0.0f);
}

TEST(GridPg, RejectsBadInputs)
{
    EXPECT_EQ(errorOf([] { core::gridPointingGame(torch::zeros({2, 4, 8}), 2); }),
              "grid pointing game: expected attributions [S, T, C, H, W] or [S, T, H, W], got [2, 4, 8]");
    EXPECT_EQ(errorOf([] { core::gridPointingGame(torch::zeros({1, 4, 3, 9, 9}), 2); }),
              "grid pointing game: H x W = 9 x 9 is not divisible into a 2x2 grid");
    EXPECT_EQ(errorOf([] { core::gridPointingGame(torch::zeros({1, 4, 3, 8, 8}), 2, 4); }),
              "grid pointing game: smoothing kernel must be 0 or odd, got 4");
    EXPECT_EQ(errorOf([] { core::gridPointingGame(torch::zeros({1, 4, 3, 8, 8}), 2, 0, torch::zeros({1, 3}, torch::kLong)); }),
              "grid pointing game: expected target cells [1, 4] integer, got [1, 3]");
    EXPECT_EQ(errorOf([] { core::gridPointingGame(torch::zeros({1, 4, 3, 8, 8}), 2, 0, torch::full({1, 4}, 4, torch::kLong)); }),
              "grid pointing game: target cells must lie in [0, 4)");
}

TEST(GridImage, ImageKGoesToRowKModNColumnKDivN)
{
    const at::Tensor images = torch::arange(9, torch::kFloat).view({9, 1, 1, 1}).expand({9, 2, 3, 3}).contiguous();
    const at::Tensor grid = core::makeGridImage(images, 3);
    EXPECT_EQ(grid.sizes(), (std::vector<int64_t>{2, 9, 9}));
    for (int64_t k = 0; k < 9; ++k)
        EXPECT_EQ(grid[1][(k % 3) * 3 + 1][(k / 3) * 3 + 2].item<float>(), float(k)) << k;
    EXPECT_EQ(errorOf([] { core::makeGridImage(torch::zeros({3, 3, 4, 4}), 2); }),
              "grid image: expected 4 images [n*n, C, H, W], got [3, 3, 4, 4]");
}

TEST(GridSelection, TakesConfidentCorrectImagesOfDistinctClasses)
{
    // 6 classes, 3 images each; logits make image i predict class i % 6 with confidence rising with i.
    const int64_t n = 18;
    at::Tensor logits = torch::full({n, 6}, -5.0f);
    at::Tensor labels = torch::empty({n}, torch::kLong);
    for (int64_t i = 0; i < n; ++i) {
        logits[i][i % 6] = float(i) / 4 - 1; // sigmoid > 0.5 iff i > 4
        labels[i] = i % 6;
    }
    labels[17] = 0; // misclassified: never used
    core::GridSelectionOptions options;
    options.gridSize = 2;
    const auto grids = core::selectGridImages(logits, labels, options);
    ASSERT_FALSE(grids.empty());
    std::set<int64_t> used;
    for (const auto &grid : grids) {
        ASSERT_EQ(grid.size(), 4u);
        std::set<int64_t> classes;
        for (const int64_t index : grid) {
            EXPECT_GT(index, 4);
            EXPECT_NE(index, 17);
            classes.insert(index % 6);
            EXPECT_TRUE(used.insert(index).second) << "image used twice";
        }
        EXPECT_EQ(classes.size(), 4u);
    }
    // Per class, the more confident image comes first.
    for (int64_t c = 0; c < 6; ++c) {
        int64_t last = 1000;
        for (const auto &grid : grids)
            for (const int64_t index : grid)
                if (index % 6 == c) {
                    EXPECT_LT(index, last);
                    last = index;
                }
    }
    EXPECT_EQ(core::selectGridImages(logits, labels, options), grids); // seeded
}

TEST(GridPgEvaluation, PerfectExplainerScoresOne)
{
    torch::manual_seed(0);
    const at::Tensor images = torch::rand({4, 3, 4, 4});
    const at::Tensor labels = torch::tensor({7, 3, 5, 1}, torch::kLong);
    // An explainer that puts all evidence on the cell whose image has the target label.
    const core::GridExplainer oracle = [&](const at::Tensor &grid, const at::Tensor &targets) {
        EXPECT_EQ(grid.sizes(), (std::vector<int64_t>{4, 3, 8, 8}));
        at::Tensor maps = torch::zeros({targets.size(0), 8, 8});
        for (int64_t t = 0; t < targets.size(0); ++t) {
            const int64_t k = t; // grid {0,1,2,3}: cell k holds image k
            EXPECT_EQ(targets[t].item<int64_t>(), labels[k].item<int64_t>());
            maps[t].slice(0, (k % 2) * 4, (k % 2) * 4 + 4).slice(1, (k / 2) * 4, (k / 2) * 4 + 4).fill_(1);
        }
        return maps;
    };
    const auto result = core::evaluateGridPointingGame(images, labels, {{0, 1, 2, 3}}, 2, oracle);
    EXPECT_TRUE(torch::allclose(result.scores, torch::ones({1, 4})));
    EXPECT_EQ(errorOf([&] { core::evaluateGridPointingGame(images, labels, {}, 2, oracle); }),
              "grid pointing game: no grids to evaluate (too few confident classes?)");
}

} // namespace
} // namespace bcos
