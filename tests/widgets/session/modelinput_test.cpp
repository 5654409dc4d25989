// One file, one model input: the studio (ImageLoader), `bcos predict`/`explain` (readInputImages), `bcos evaluate`
// (its loader with evalAugmentOptions) and validation during training (the trainer's eval transform) prepare an image
// file alike, bit for bit, so a logit or an explanation of the studio is that of the CLI.
#include "app/cli/evaluateinputs.h"
#include "app/cli/modelinput.h"
#include "core/data/augment.h"
#include "core/data/dataloader.h"
#include "core/imaging/imagefolder.h"
#include "core/imaging/imageio.h"
#include "tests/support/tempdir.h"

#include "widgets/jobs/tensorimage.h"
#include "widgets/session/imageloader.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos::widgets {
namespace {

TEST(ModelInput, TheStudioTheCliAndEvaluationShowAModelTheSameInput)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "images" / "a");
    torch::manual_seed(7);
    // width x height: odd sizes whose resize rounds and whose crop offsets are halves, one downscaled by 5, a line.
    const std::vector<std::pair<int64_t, int64_t>> sizes{{13, 9}, {9, 13}, {15, 8}, {40, 27}, {20, 1}, {8, 8}};
    for (size_t i = 0; i < sizes.size(); ++i) {
        const auto [width, height] = sizes[i];
        const at::Tensor pixels = torch::randint(0, 256, {3, height, width}, torch::kByte);
        imaging::writePng(dir / "images" / "a" / ("image" + std::to_string(i) + ".png"),
                          pixels.to(torch::kFloat).div(255.0));
    }
    const auto folder = std::make_shared<imaging::ImageFolderDataset>(dir / "images");
    ASSERT_EQ(folder->size(), int64_t(sizes.size()));
    for (const int64_t resize : {int64_t(9), int64_t(0), int64_t(8), int64_t(12)}) {
        core::Preprocessing preprocessing;
        preprocessing.inputSize = 8;
        preprocessing.resizeSize = resize;
        const ImageLoader studio(InputGeometry{8, static_cast<int>(resize)});
        core::LoaderOptions options;
        options.batchSize = 1;
        options.shuffle = false;
        options.workers = 0;
        options.augment = cli::evalAugmentOptions(preprocessing);
        core::DataLoader evaluation(folder, options);
        evaluation.startEpoch(0);
        for (int64_t i = 0; i < folder->size(); ++i) {
            const std::string path = folder->file(i).string();
            SCOPED_TRACE(path + ", resize size " + std::to_string(resize));
            const at::Tensor cli = cli::readInputImages({path}, preprocessing);
            ASSERT_EQ(cli.sizes(), (std::vector<int64_t>{1, 3, 8, 8}));
            const QImage shown = studio.readInput(QString::fromStdString(path));
            EXPECT_TRUE(torch::equal(tensorFromImages({shown}), cli));
            const auto batch = evaluation.next();
            ASSERT_TRUE(batch.has_value());
            EXPECT_TRUE(torch::equal(batch->images, cli));
            // What the studio keeps is the input's bytes: the cached QImage is the input, not an approximation.
            EXPECT_TRUE(torch::equal(bytesFromImage(shown).permute({2, 0, 1}),
                                     core::modelInputBytes(imaging::readImageBytes(path).permute({2, 0, 1}), 8, resize)));
            if (resize == 9) { // training's validation at --image-size 8: the default resize ratio 256 / 224
                core::AugmentOptions validation;
                validation.size = 8;
                validation.train = false;
                EXPECT_TRUE(torch::equal(core::augmentImage(imaging::readImage(path), validation, 0), cli[0]));
            }
        }
    }
}

} // namespace
} // namespace bcos::widgets
