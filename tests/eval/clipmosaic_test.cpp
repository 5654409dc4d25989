// The demo CLIP's localisation measure (core/eval/clipmosaic.h): mosaic cells, distinct-class selection, the
// share of the positive prompt contribution inside the prompted cell, and the CLIP prompt explainer.
#include <torch/torch.h>

#include "core/error.h"
#include "core/eval/clipmosaic.h"
#include "core/explain/cliplocalize.h"
#include "core/models/clipmodelfile.h"
#include "core/text/cliptokenizer.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>

#include <set>

namespace bcos {
namespace {

using test::errorOf;

TEST(ClipMosaic, SmallImagesAreCentredInTheirCellWithZeroPadding)
{
    const at::Tensor fitted = core::fitToCells(torch::ones({2, 3, 28, 28}), 32);
    ASSERT_EQ(fitted.sizes(), (std::vector<int64_t>{2, 3, 32, 32}));
    EXPECT_DOUBLE_EQ(fitted[0][0].sum().item<double>(), 28.0 * 28.0);
    EXPECT_EQ(fitted[0][0][1][16].item<float>(), 0.0f); // rows 0-1 and 30-31 are padding
    EXPECT_EQ(fitted[0][0][2][2].item<float>(), 1.0f);
    EXPECT_EQ(fitted[0][0][29][29].item<float>(), 1.0f);
    EXPECT_EQ(fitted[0][0][30][29].item<float>(), 0.0f);
}

TEST(ClipMosaic, LargerImagesAreShrunkWithTheirAspectAndCentred)
{
    const at::Tensor fitted = core::fitToCells(torch::ones({1, 1, 64, 32}), 32); // -> 32 x 16, 8 columns each side
    ASSERT_EQ(fitted.sizes(), (std::vector<int64_t>{1, 1, 32, 32}));
    EXPECT_NEAR(fitted.sum().item<double>(), 32.0 * 16.0, 1e-3);
    EXPECT_EQ(fitted[0][0][5][7].item<float>(), 0.0f);
    EXPECT_NEAR(fitted[0][0][5][8].item<float>(), 1.0f, 1e-6);
    EXPECT_NEAR(fitted[0][0][5][23].item<float>(), 1.0f, 1e-6);
    EXPECT_EQ(fitted[0][0][5][24].item<float>(), 0.0f);
    EXPECT_NE(errorOf([] { core::fitToCells(torch::ones({3, 28, 28}), 32); }).find("expected images [N, C, h, w]"),
              std::string::npos);
}

TEST(ClipMosaic, GridsHoldDistinctClassesAndFollowTheSeed)
{
    const at::Tensor labels = torch::arange(60, torch::kLong).remainder(6); // 10 images of each of 6 classes
    core::GridSelectionOptions options;
    options.gridSize = 2;
    options.maxGrids = 7;
    options.seed = 3;
    const auto grids = core::selectDistinctClassGrids(labels, 6, options);
    ASSERT_EQ(grids.size(), 7u);
    for (const auto &grid : grids) {
        ASSERT_EQ(grid.size(), 4u);
        std::set<int64_t> classes;
        for (const int64_t index : grid)
            classes.insert(labels[index].item<int64_t>());
        EXPECT_EQ(classes.size(), 4u);
    }
    EXPECT_EQ(core::selectDistinctClassGrids(labels, 6, options), grids);
    options.seed = 4;
    EXPECT_NE(core::selectDistinctClassGrids(labels, 6, options), grids);
}

TEST(ClipMosaic, TheScoreIsThePositiveShareOfThePromptedCell)
{
    // Four 28 x 28 images, class k filled with (k + 1) / 10, in 32 x 32 cells of a 64 x 64 mosaic. The constructed
    // prompt map for class k: 1 on its object (784 px) + 0.25 on every pixel - 2 on the other objects (negative,
    // clamped away). Inside the cell: 784 * 1.25 + 240 * 0.25 = 1040; outside: 3 cells * 240 padding px * 0.25 = 180.
    const at::Tensor labels = torch::arange(4, torch::kLong);
    const at::Tensor images = core::fitToCells((labels.to(torch::kFloat) + 1).div(10).view({4, 1, 1, 1}).expand({4, 3, 28, 28}), 32);
    const core::GridExplainer explainer = [](const at::Tensor &mosaics, const at::Tensor &targets) {
        std::vector<at::Tensor> maps;
        for (int64_t i = 0; i < mosaics.size(0); ++i) {
            const at::Tensor value = mosaics[i][0];
            const float own = float(targets[i].item<int64_t>() + 1) / 10;
            const at::Tensor object = (value - own).abs() < 1e-6;
            const at::Tensor others = (value > 0).logical_and(object.logical_not());
            maps.push_back(object.to(torch::kFloat) + 0.25 - 2 * others.to(torch::kFloat));
        }
        return torch::stack(maps);
    };
    const auto result = core::evaluateGridPointingGame(images, labels, {{0, 1, 2, 3}, {3, 2, 1, 0}}, 2, explainer);
    ASSERT_EQ(result.scores.sizes(), (std::vector<int64_t>{2, 4}));
    EXPECT_TRUE(test::allCloseGolden(result.scores, torch::full({2, 4}, 1040.0 / 1220.0), 1e-6, 1e-6)) << result.scores;
}

TEST(ClipMosaic, ThePromptExplainerGivesTheStudiosMapForTheTargetsPrompt)
{
    const test::GoldenCase golden("clip"); // a small CLIP ResNet, B-cosified on build
    core::ModelDescription description;
    description.architecture = golden.json().at("arch");
    description.architecture["family"] = "clip_resnet";
    description.bcos.enabled = true;
    core::ClipModel model = core::buildClipModel(description, golden.standardStateDict(), "golden clip");
    const int64_t side = model.image->options().inputResolution, dim = model.image->options().outputDim;
    torch::manual_seed(5);
    const at::Tensor texts = torch::randn({3, dim});
    const at::Tensor images = torch::rand({2, 3, side, side});
    const at::Tensor targets = torch::tensor({2, 0}, torch::kLong);
    const at::Tensor maps = core::clipPromptExplainer(model, texts, 2.0)(images, targets);
    ASSERT_EQ(maps.sizes(), (std::vector<int64_t>{2, side, side}));
    EXPECT_FALSE(maps.isnan().any().item<bool>());
    EXPECT_GT(maps.abs().sum().item<double>(), 0.0);
    for (int64_t i = 0; i < 2; ++i) {
        const at::Tensor image6 = torch::cat({images[i], 1 - images[i]}, 0);
        const auto expected = core::ClipLocalization::compute(*model.image, image6, texts[targets[i].item<int64_t>()])
                                  .contributionsForPower(2.0);
        EXPECT_TRUE(test::allCloseGolden(maps[i], expected, 1e-6, 1e-6)) << "image " << i;
    }
}

TEST(ClipMosaic, PromptEmbeddingsAreTheTemplateFilledWithEachClassAndNeedATextTower)
{
    const core::ClipTokenizer tokenizer(test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz");
    core::ClipModel model;
    EXPECT_EQ(errorOf([&] { core::classPromptEmbeddings(model, tokenizer, {"bag"}, "a photo of a {}", "demo.safetensors"); }),
              "demo.safetensors: the model file has no CLIP text tower (tensors 'text.token_embedding.weight', "
              "'text.positional_embedding', 'text.text_projection', ...)");
    core::ClipTextOptions options;
    options.width = 16;
    options.heads = 2;
    options.layers = 1;
    options.embedDim = 8;
    torch::manual_seed(6);
    model.text = core::ClipTextTransformer(options);
    model.text->eval();
    const at::Tensor embeddings =
        core::classPromptEmbeddings(model, tokenizer, {"sneaker", "ankle boot"}, "a photo of a {}", "demo.safetensors");
    ASSERT_EQ(embeddings.sizes(), (std::vector<int64_t>{2, 8}));
    EXPECT_TRUE(test::allCloseGolden(embeddings[1], core::encodePrompt(*model.text, tokenizer, "a photo of a ankle boot"),
                                     1e-6, 1e-7));
    EXPECT_NEAR(embeddings[0].norm().item<double>(), 1.0, 1e-6);
}

} // namespace
} // namespace bcos
