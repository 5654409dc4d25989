// ImageFolder: class folders, train/val folders, seeded split, decoding errors; bcos evaluate on a folder.
#include "core/error.h"
#include "core/imaging/imagefolder.h"
#include "core/imaging/imageio.h"
#include "core/io/safetensors.h"
#include "tests/support/clirun.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fmt/format.h>

#include <fstream>

namespace bcos {
namespace {

namespace fs = std::filesystem;

void writeImage(const fs::path &path, float value)
{
    fs::create_directories(path.parent_path());
    imaging::writePng(path, torch::full({3, 6, 5}, value));
}

TEST(ImageFolder, ClassesLabelsAndDecoding)
{
    test::TempDir root;
    writeImage(root / "dog" / "b.png", 1.0f);
    writeImage(root / "cat" / "z.png", 0.0f);
    writeImage(root / "cat" / "a.PNG", 0.4f);
    std::ofstream(root / "cat" / "notes.txt") << "ignored";
    const imaging::ImageFolderDataset data(root.path());
    EXPECT_EQ(data.classNames(), (std::vector<std::string>{"cat", "dog"}));
    ASSERT_EQ(data.size(), 3);
    EXPECT_EQ(data.file(0).filename(), "a.PNG");
    EXPECT_EQ(data.get(2).label, 1);
    const auto sample = data.get(0);
    EXPECT_EQ(sample.label, 0);
    EXPECT_EQ(sample.image.sizes(), (std::vector<int64_t>{3, 6, 5}));
    EXPECT_NEAR(sample.image.mean().item<float>(), 102.0f / 255.0f, 1e-6);
}

TEST(ImageFolder, TrainValFoldersAndSplit)
{
    test::TempDir root;
    for (int i = 0; i < 5; ++i) {
        writeImage(root / "train" / "a" / (std::to_string(i) + ".png"), 0.1f);
        writeImage(root / "train" / "b" / (std::to_string(i) + ".png"), 0.9f);
    }
    writeImage(root / "val" / "b" / "v.png", 0.9f);
    const auto folders = imaging::openImageFolder(root.path(), 0.5, 0);
    EXPECT_EQ(folders.train->size(), 10);
    ASSERT_EQ(folders.val->size(), 1);
    EXPECT_EQ(folders.val->get(0).label, 1); // labels follow the training classes

    const auto split = imaging::openImageFolder(root / "train", 0.3, 7);
    EXPECT_EQ(split.train->size(), 7);
    EXPECT_EQ(split.val->size(), 3);
    EXPECT_EQ(imaging::openImageFolder(root / "train", 0.3, 7).val->get(0).image.mean().item<float>(),
              split.val->get(0).image.mean().item<float>());
    EXPECT_EQ(imaging::openImageFolder(root / "train", 0.0, 7).val, nullptr);

    writeImage(root / "val" / "c" / "x.png", 0.5f);
    try {
        imaging::openImageFolder(root.path(), 0.0, 0);
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()),
                  (root / "val").string() + ": class folder 'c' is not one of the 2 training classes");
    }
}

TEST(ImageFolder, AFolderWithoutClassFoldersIsUnlabelledImages)
{
    test::TempDir root;
    for (int i = 0; i < 4; ++i)
        writeImage(root / ("img" + std::to_string(i) + ".png"), 0.2f * static_cast<float>(i));
    const imaging::ImageFolderDataset data(root.path());
    EXPECT_FALSE(data.hasLabels());
    EXPECT_EQ(data.numClasses(), 0);
    EXPECT_TRUE(data.classNames().empty());
    ASSERT_EQ(data.size(), 4);
    EXPECT_EQ(data.get(3).label, -1);
    EXPECT_NEAR(data.get(3).image.mean().item<float>(), 0.6f, 1.0f / 255.0f); // sorted by name
    const auto split = imaging::openImageFolder(root.path(), 0.25, 0);
    EXPECT_EQ(split.train->size(), 3);
    EXPECT_FALSE(split.train->hasLabels());
    EXPECT_FALSE(split.val->hasLabels());
    // Class folders win: then the loose images are not part of the set.
    writeImage(root / "a" / "x.png", 0.5f);
    const imaging::ImageFolderDataset labelled(root.path());
    EXPECT_TRUE(labelled.hasLabels());
    EXPECT_EQ(labelled.size(), 1);
}

TEST(ImageFolder, ErrorsNameTheFolderOrFile)
{
    test::TempDir root;
    try {
        imaging::ImageFolderDataset data(root / "missing");
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Io);
        EXPECT_EQ(std::string(error.what()),
                  "image folder " + (root / "missing").string() + " does not exist or is not a directory");
    }
    fs::create_directories(root / "empty");
    try {
        imaging::ImageFolderDataset data(root.path());
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()),
                  "image folder " + root.path().string() +
                      " holds no class subfolders with images, and no images of its own");
    }
    std::ofstream(root / "empty" / "broken.jpg") << "not a jpeg";
    const imaging::ImageFolderDataset data(root.path());
    try {
        data.get(0);
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Format);
        EXPECT_EQ(std::string(error.what()),
                  (root / "empty" / "broken.jpg").string()
                      + ": not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP...)");
    }
}

TEST(ImageFolder, EvaluateAccuracyReadsAFolderOfClassFolders)
{
    // bcos evaluate accuracy --data FOLDER sees what a tensor file of the same images shows the model (8-bit PNGs
    // hold the bytes exactly; 8 x 8 is the tiny model's input, so nothing is resized).
    test::TempDir dir;
    const auto model = test::writeTinyModel(dir / "model.safetensors");
    torch::manual_seed(3);
    const at::Tensor images = torch::randint(0, 256, {12, 3, 8, 8}).to(torch::kFloat).div(255);
    const at::Tensor labels = torch::arange(12, torch::kLong).remainder(3);
    for (int64_t i = 0; i < 12; ++i) {
        const fs::path file = dir / "folder" / std::to_string(labels[i].item<int64_t>()) / fmt::format("{:02d}.png", i);
        fs::create_directories(file.parent_path());
        imaging::writePng(file, images[i]);
    }
    core::TensorMap tensors;
    tensors.insert("images", images);
    tensors.insert("labels", labels);
    core::writeSafetensors(dir / "images.safetensors", tensors);
    const std::string evaluate = "evaluate accuracy --model " + model.string();
    const test::CliRun folder = test::runCli(BCOS_CLI_PATH, evaluate + " --data " + (dir / "folder").string(), dir.path());
    const test::CliRun file =
        test::runCli(BCOS_CLI_PATH, evaluate + " --images " + (dir / "images.safetensors").string(), dir.path());
    ASSERT_EQ(folder.status, 0) << folder.err;
    ASSERT_EQ(file.status, 0) << file.err;
    EXPECT_EQ(folder.out, file.out);
    EXPECT_EQ(folder.out.rfind("images: 12\n", 0), 0u) << folder.out;
}

} // namespace
} // namespace bcos
