// ImageFolder: class folders, train/val folders, seeded split, decoding errors; bcos evaluate on a folder.
#include "core/data/dataloader.h"
#include "core/error.h"
#include "core/eval/explanationstore.h"
#include "core/imaging/imagefolder.h"
#include "core/imaging/imageio.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/errorof.h"
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

TEST(ImageFolder, ImagesAtAnyDepthInTorchvisionsOrder)
{
    // torchvision's ImageFolder walks each class folder (sorted(os.walk(..., followlinks=True))): folders sorted by
    // path as strings ("c/a" < "c/a-b" < "c/a/deep": '-' sorts before '/'), files by name in each.
    test::TempDir root;
    for (const char *file : {"c/b.png", "c/a/y.png", "c/a-b/x.PGM", "c/a/deep/w.png", "c/a/deep/notes.txt"})
        writeImage(root / file, 0.5f);
    writeImage(root / "d" / "only" / "v.webp", 0.5f); // images in a subfolder only: still a class with images
    fs::create_directory_symlink(root / "c", root / "c" / "a" / "up"); // a link back up is walked once
    const imaging::ImageFolderDataset data(root.path());
    EXPECT_EQ(data.classNames(), (std::vector<std::string>{"c", "d"}));
    std::vector<std::string> files;
    for (int64_t i = 0; i < data.size(); ++i)
        files.push_back(fs::relative(data.file(i), root.path()).generic_string() + ":" + std::to_string(data.label(i)));
    EXPECT_EQ(files, (std::vector<std::string>{"c/b.png:0", "c/a/y.png:0", "c/a-b/x.PGM:0", "c/a/deep/w.png:0",
                                               "d/only/v.webp:1"}));
    EXPECT_EQ(imaging::imageFilesUnder(root / "c").size(), 4u);
    int64_t others = 0;
    imaging::imageFilesUnder(root / "c", &others);
    EXPECT_EQ(others, 1); // notes.txt
    // What cannot be walked is named.
    EXPECT_EQ(test::errorOf([&] { imaging::imageFilesUnder(root / "c" / "b.png"); }),
              (root / "c" / "b.png").string() + ": cannot read the folder (Not a directory)");
    EXPECT_EQ(test::errorOf([&] { imaging::imageFilesUnder(root / "missing"); }),
              (root / "missing").string() + ": cannot read the folder (No such file or directory)");
}

TEST(ImageFolder, AClassFolderWithoutImagesIsRefusedForTraining)
{
    // Every folder is a class to torchvision's ImageFolder, which refuses one without images: the model would learn
    // a class it never sees. To evaluate, it is one of the classes (its number keeps the others' sorted numbers).
    test::TempDir root;
    writeImage(root / "cat" / "a.png", 0.2f);
    writeImage(root / "dog" / "a.png", 0.8f);
    fs::create_directories(root / ".ipynb_checkpoints");
    std::ofstream(root / ".ipynb_checkpoints" / "train.ipynb") << "{}";
    fs::create_directories(root / "bird");
    EXPECT_EQ(test::errorOf([&] { imaging::ImageFolderDataset data(root.path()); }),
              root.path().string() + ": class folders '.ipynb_checkpoints', 'bird' hold no images (.jpg, .jpeg, .png, "
              ".ppm, .bmp, .pgm, .tif, .tiff, .webp), but every folder is a class (as torchvision's ImageFolder "
              "numbers them) and the model would learn classes it never sees: remove them or add their images");
    fs::remove_all(root / ".ipynb_checkpoints");
    const imaging::ImageFolderDataset evaluated(root.path(), {}, imaging::EmptyClassFolders::Counted);
    EXPECT_EQ(evaluated.classNames(), (std::vector<std::string>{"bird", "cat", "dog"}));
    ASSERT_EQ(evaluated.size(), 2);
    EXPECT_EQ(evaluated.label(0), 1);
    // With the classes given (a val/ folder beside train/), an empty folder is harmless.
    const imaging::ImageFolderDataset val(root.path(), {"bird", "cat", "dog"});
    ASSERT_EQ(val.size(), 2);
    EXPECT_EQ(val.label(1), 2);
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
    const test::CliRun folder =
        test::runCli(test::cliPath(), evaluate + " --data " + (dir / "folder").string(), dir.path());
    const test::CliRun file =
        test::runCli(test::cliPath(), evaluate + " --images " + (dir / "images.safetensors").string(), dir.path());
    ASSERT_EQ(folder.status, 0) << folder.err;
    ASSERT_EQ(file.status, 0) << file.err;
    EXPECT_EQ(folder.out, file.out);
    EXPECT_EQ(folder.out.rfind("images: 12\n", 0), 0u) << folder.out;
}

TEST(ImageFolder, ABatchOfImagesOfDifferentSizesNamesThemAndTheCure)
{
    // At their native size (no image size given), photos of different sizes cannot share a batch: the loader
    // names both files and what to do, where LibTorch would say "stack expects each tensor to be equal size".
    test::TempDir dir;
    fs::create_directories(dir / "folder" / "a");
    fs::create_directories(dir / "folder" / "b");
    imaging::writePng(dir / "folder" / "a" / "0.png", torch::full({3, 8, 8}, 0.5f));
    imaging::writePng(dir / "folder" / "a" / "1.png", torch::full({3, 8, 12}, 0.5f));
    imaging::writePng(dir / "folder" / "b" / "2.png", torch::full({3, 8, 8}, 0.5f));
    core::LoaderOptions options;
    options.batchSize = 2;
    options.shuffle = false;
    options.workers = 0;
    options.augment.size = 0;
    options.augment.train = false;
    core::DataLoader native(std::make_shared<imaging::ImageFolderDataset>(dir / "folder"), options);
    native.startEpoch(0);
    EXPECT_EQ(test::errorOf([&] { native.next(); }),
              "images of different sizes in one batch: " + (dir / "folder" / "a" / "0.png").string()
                  + " is 8 x 8 pixels (width x height), " + (dir / "folder" / "a" / "1.png").string()
                  + " is 12 x 8; give an image size to resize and crop each to (bcos train --image-size N)");
    options.augment.size = 8;
    core::DataLoader cropped(std::make_shared<imaging::ImageFolderDataset>(dir / "folder"), options);
    cropped.startEpoch(0);
    const auto batch = cropped.next();
    ASSERT_TRUE(batch.has_value());
    EXPECT_EQ(batch->images.sizes(), (std::vector<int64_t>{2, 3, 8, 8}));

    // bcos train says the same, and trains with --image-size.
    const std::string train = "train --mode scratch --arch simplecnn:4,8 --data " + (dir / "folder").string()
        + " --epochs 1 --batch-size 3 --workers 0 --val-fraction 0 --out ";
    test::CliRun run = test::runCli(test::cliPath(), train + (dir / "native").string(), dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("images of different sizes in one batch: "), std::string::npos) << run.err;
    run = test::runCli(test::cliPath(), train + (dir / "cropped").string() + " --image-size 8", dir.path());
    EXPECT_EQ(run.status, 0) << run.err;
}

TEST(ImageFolder, EvaluateScoresAFolderOfImagesOfManySizes)
{
    // Real folders hold images of many sizes: each is prepared on its own as training evaluated it (shorter side to
    // the resize size, here the tiny model's 8, then the centre 8 x 8), whatever batch it falls in, and scores as a
    // tensor file of those crops does. Chunks of 2 read by 0 or 3 loader threads give the same values.
    test::TempDir dir;
    const auto model = test::writeTinyModel(dir / "model.safetensors");
    torch::manual_seed(4);
    const std::vector<std::pair<int64_t, int64_t>> sizes{{8, 8}, {8, 12}, {13, 8}};
    std::vector<at::Tensor> crops;
    std::vector<int64_t> labels;
    for (int64_t i = 0; i < 9; ++i) {
        const auto [h, w] = sizes[static_cast<size_t>(i % 3)];
        const at::Tensor image = torch::randint(0, 256, {3, h, w}).to(torch::kFloat).div(255);
        labels.push_back(i % 2);
        const fs::path file = dir / "folder" / std::to_string(labels.back()) / fmt::format("{:02d}.png", i);
        fs::create_directories(file.parent_path());
        imaging::writePng(file, image);
        crops.push_back(image.slice(1, (h - 8) / 2, (h - 8) / 2 + 8).slice(2, (w - 8) / 2, (w - 8) / 2 + 8));
    }
    // The folder's order: class folders in name order, files sorted in each.
    std::vector<int64_t> order;
    for (const int64_t label : {0, 1})
        for (int64_t i = 0; i < 9; ++i)
            if (labels[static_cast<size_t>(i)] == label)
                order.push_back(i);
    core::TensorMap tensors;
    std::vector<at::Tensor> ordered;
    std::vector<int64_t> orderedLabels;
    for (const int64_t i : order) {
        ordered.push_back(crops[static_cast<size_t>(i)]);
        orderedLabels.push_back(labels[static_cast<size_t>(i)]);
    }
    tensors.insert("images", torch::stack(ordered));
    tensors.insert("labels", torch::tensor(orderedLabels, torch::kLong));
    core::writeSafetensors(dir / "images.safetensors", tensors);

    const std::string modelArgs = " --model " + model.string() + " --batch-size 2";
    const std::string file = " --images " + (dir / "images.safetensors").string();
    const std::string folder = " --data " + (dir / "folder").string();
    const auto run = [&](const std::string &arguments) { return test::runCli(test::cliPath(), arguments, dir.path()); };
    const test::CliRun accuracy = run("evaluate accuracy" + modelArgs + folder);
    ASSERT_EQ(accuracy.status, 0) << accuracy.err;
    EXPECT_EQ(accuracy.out, run("evaluate accuracy" + modelArgs + file).out);
    EXPECT_EQ(accuracy.out.rfind("images: 9\n", 0), 0u) << accuracy.out;

    const std::string deletion = "evaluate deletion --steps 4 --target label" + modelArgs;
    const test::CliRun expected = run(deletion + file + " --out " + (dir / "file.safetensors").string());
    ASSERT_EQ(expected.status, 0) << expected.err;
    for (const char *workers : {"0", "3"}) {
        SCOPED_TRACE(workers);
        const test::CliRun actual =
            run(deletion + folder + " --workers " + workers + " --out " + (dir / "folder.safetensors").string());
        ASSERT_EQ(actual.status, 0) << actual.err;
        const auto a = core::readSafetensors(dir / "folder.safetensors"), e = core::readSafetensors(dir / "file.safetensors");
        for (const char *name : {"values", "curves", "targets", "labels"})
            EXPECT_TRUE(torch::equal(a.tensors[name], e.tensors[name])) << name;
        EXPECT_TRUE(torch::equal(a.tensors["labels"], torch::tensor(orderedLabels, torch::kLong)));
    }
}

TEST(ImageFolder, ClipMosaicFitsPhotosOfManySizesIntoItsCells)
{
    // bcos evaluate clip-mosaic on a folder of photos of different sizes (each fitted into its cell on its own);
    // grids are drawn while more than n*n classes have images left, so 4 classes give no 2x2 grid and say so.
    test::TempDir dir;
    const std::vector<std::pair<int64_t, int64_t>> sizes{{20, 30}, {64, 40}, {33, 33}, {100, 70}, {8, 9}};
    for (int64_t k = 0; k < 5; ++k) {
        fs::create_directories(dir / "photos" / std::to_string(k));
        const auto [h, w] = sizes[static_cast<size_t>(k)];
        imaging::writePng(dir / "photos" / std::to_string(k) / "x.png", torch::rand({3, h, w}));
    }
    const std::string mosaic = "evaluate clip-mosaic --model " + test::sourceDir()
                               + "/resources/demo/fashion-mnist-clip.safetensors --grid 2 --count 1 --data ";
    test::CliRun run = test::runCli(test::cliPath(), mosaic + (dir / "photos").string(), dir.path());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("1 mosaics of 2x2 test images, 64 px, cosine power 1\n"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find(" over 4 explanations\n"), std::string::npos) << run.out;
    fs::remove_all(dir / "photos" / "4");
    run = test::runCli(test::cliPath(), mosaic + (dir / "photos").string(), dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos evaluate: no 2x2 grid: grids are drawn while more than 4 classes have images left (as the "
                       "reference's selection), and the images hold 4 classes\n");
}

TEST(ImageFolder, EvaluateMatchesClassFoldersToTheModelsClassesByName)
{
    // A folder of some of a model's classes, named as the model names them: each folder's images are of that class
    // (its labels were 0..k-1 in folder order, scored as the model's first classes). Other names in another count
    // are refused, naming both.
    test::TempDir dir;
    const std::vector<std::string> names{"ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay"};
    core::Network network = test::tinyNetwork(10, 8);
    network->description().classNames = names;
    core::saveModel(dir / "model.safetensors", *network);
    torch::manual_seed(5);
    std::vector<at::Tensor> images;
    for (const auto &[folder, count] : std::vector<std::pair<std::string, int>>{{"hen", 2}, {"bee", 3}})
        for (int i = 0; i < count; ++i) {
            const at::Tensor image = torch::randint(0, 256, {3, 8, 8}).to(torch::kFloat).div(255);
            fs::create_directories(dir / "some" / folder);
            imaging::writePng(dir / "some" / folder / fmt::format("{}.png", i), image);
        }
    const auto run = [&](const std::string &arguments) { return test::runCli(test::cliPath(), arguments, dir.path()); };
    const std::string model = " --model " + (dir / "model.safetensors").string();
    const test::CliRun scored = run("evaluate sparseness --target label" + model + " --data " + (dir / "some").string()
                                    + " --out " + (dir / "r.safetensors").string());
    ASSERT_EQ(scored.status, 0) << scored.err;
    // Folder order: bee (the model's class 1) then hen (class 7).
    EXPECT_TRUE(torch::equal(core::readSafetensors(dir / "r.safetensors").tensors["labels"],
                             torch::tensor({1, 1, 1, 7, 7}, torch::kLong)));

    fs::rename(dir / "some" / "hen", dir / "some" / "owl");
    const test::CliRun refused = run("evaluate accuracy" + model + " --data " + (dir / "some").string());
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(refused.err, "bcos evaluate: --data " + (dir / "some").string()
                               + ": its 2 classes (bee, owl) are not the 10 classes of the model (ant, bee, cat, dog, "
                                 "eel, ... (10 in all)): a label means a class where the class names are among them or "
                                 "where the counts agree\n");
    // clip-mosaic prompts with the class folders' names unless --class-names names the classes.
    const std::string mosaic = "evaluate clip-mosaic --model " + test::sourceDir()
                               + "/resources/demo/fashion-mnist-clip.safetensors --grid 2 --data "
                               + (dir / "some").string();
    const test::CliRun own = run(mosaic);
    EXPECT_NE(own.out.find("prompts: \"a photo of a {}\" with the class names of --data " + (dir / "some").string()),
              std::string::npos) << own.out << own.err;
    std::ofstream(dir / "classes.txt") << "owl\nbat\nbee\n";
    const test::CliRun named = run(mosaic + " --class-names " + (dir / "classes.txt").string());
    EXPECT_NE(named.out.find("prompts: \"a photo of a {}\" with the class names of " + (dir / "classes.txt").string()),
              std::string::npos) << named.out << named.err;
}

TEST(ImageFolder, AnExplanationStoreOfClassFoldersHoldsTheirLabels)
{
    // bcos explain --out STORE/ --input FOLDER labels the images of class folders as bcos evaluate reads them (it
    // stored -1 for every image, and --target label refused a folder of the model's own classes).
    test::TempDir dir;
    core::Network network = test::tinyNetwork(10, 8);
    network->description().classNames = {"ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "ibis", "jay"};
    core::saveModel(dir / "model.safetensors", *network);
    torch::manual_seed(6);
    for (const auto &folder : {"hen", "bee"})
        for (const auto &name : {"a.png", "b.png"}) {
            fs::create_directories(dir / "some" / folder);
            imaging::writePng(dir / "some" / folder / name, torch::rand({3, 8, 8}));
        }
    const auto run = [&](const std::string &arguments) { return test::runCli(test::cliPath(), arguments, dir.path()); };
    const std::string explain = "explain --model " + (dir / "model.safetensors").string() + " --input "
        + (dir / "some").string() + " --target label --out ";
    test::CliRun stored = run(explain + (dir / "store").string());
    ASSERT_EQ(stored.status, 0) << stored.err;
    const auto store = core::ExplanationStore::open(dir / "store");
    EXPECT_TRUE(torch::equal(store->labels(), torch::tensor({1, 1, 7, 7}, torch::kLong))); // bee/ before hen/
    for (int64_t i = 0; i < 4; ++i)
        EXPECT_EQ(store->target(i), store->label(i));
    // Folders that are neither the model's classes nor as many: no labels, said on stderr.
    fs::rename(dir / "some" / "hen", dir / "some" / "owl");
    stored = run(explain + (dir / "store2").string());
    EXPECT_EQ(stored.status, 1);
    EXPECT_NE(stored.err.find("no labels: the 2 class folders of " + (dir / "some").string()
                              + " are neither named as the model's classes nor as many (10)\n"),
              std::string::npos)
        << stored.err;
    EXPECT_NE(stored.err.find("explaining the labels, but some images have none"), std::string::npos) << stored.err;
}

TEST(ImageFolder, ClassFoldersAreEveryFolderInNameOrder)
{
    // The classes of a folder as torchvision's ImageFolder numbers them: every folder and link to one, sorted by
    // name, with or without images; files and broken links are none.
    test::TempDir root;
    writeImage(root / "some" / "hen" / "a.png", 0.5f);
    writeImage(root / "elsewhere" / "b.png", 0.5f);
    fs::create_directories(root / "some" / "bee");
    fs::create_directories(root / "some" / "cat");
    fs::create_directory_symlink(root / "elsewhere", root / "some" / "ant");
    fs::create_directory_symlink(root / "gone", root / "some" / "dog");
    writeImage(root / "some" / "loose.png", 0.5f);
    EXPECT_EQ(imaging::classFolders(root / "some"), (std::vector<std::string>{"ant", "bee", "cat", "hen"}));
    EXPECT_EQ(test::errorOf([&] { imaging::classFolders(root / "missing"); }),
              (root / "missing").string() + ": cannot read the folder (No such file or directory)");
}

TEST(ImageFolder, ClassFoldersWithNonAsciiNamesAreInPythonsOrder)
{
    // torchvision sorts the class names as Python sorts str: by code point. UTF-8 bytes compared unsigned sort the
    // same; a locale's collation ("apple" before "Zebra") or UTF-16 code units (U+1F600 before U+FF21) would not.
    // The expected list is Python's sorted() of these names.
    test::TempDir root;
    const std::vector<std::string> names{"\xF0\x9F\x98\x80" /* U+1F600 */, "\xEF\xBC\xA1" /* U+FF21 */, "Zebra", "z",
                                         "\xC3\xA9" "clair" /* e acute */, "apple", "\xC3\x84" "pfel" /* A umlaut */,
                                         "\xC3\x9F" /* sharp s */, "\xE6\x97\xA5\xE6\x9C\xAC", "a b", "a-b"};
    for (const std::string &name : names)
        writeImage(root / name / "a.png", 0.5f); // POSIX paths are bytes: the UTF-8 names as they are
    EXPECT_EQ(imaging::classFolders(root.path()),
              (std::vector<std::string>{"Zebra", "a b", "a-b", "apple", "z", "\xC3\x84" "pfel", "\xC3\x9F",
                                        "\xC3\xA9" "clair", "\xE6\x97\xA5\xE6\x9C\xAC", "\xEF\xBC\xA1",
                                        "\xF0\x9F\x98\x80"}));
}

TEST(ImageFolder, AClassFolderWithoutImagesKeepsTheOthersNumbersEverywhere)
{
    // Class folders of a model without class names are its classes in sorted order when they are as many: a folder
    // without images is one of them (ImageFolder's numbering), in bcos evaluate and in bcos explain --out STORE/
    // alike (the store counted only the folders holding images: 2 folders for 3 classes, no labels).
    test::TempDir dir;
    core::Network network = test::tinyNetwork(3, 8);
    ASSERT_TRUE(network->description().classNames.empty());
    core::saveModel(dir / "model.safetensors", *network);
    torch::manual_seed(7);
    for (const auto &folder : {"a", "c"})
        for (const auto &name : {"x.png", "y.png"}) {
            fs::create_directories(dir / "some" / folder);
            imaging::writePng(dir / "some" / folder / name, torch::rand({3, 8, 8}));
        }
    fs::create_directories(dir / "some" / "b");
    const auto run = [&](const std::string &arguments) { return test::runCli(test::cliPath(), arguments, dir.path()); };
    const std::string model = " --model " + (dir / "model.safetensors").string();
    const at::Tensor expected = torch::tensor({0, 0, 2, 2}, torch::kLong);
    const test::CliRun scored = run("evaluate sparseness --target label" + model + " --data " + (dir / "some").string()
                                    + " --out " + (dir / "r.safetensors").string());
    ASSERT_EQ(scored.status, 0) << scored.err;
    EXPECT_TRUE(torch::equal(core::readSafetensors(dir / "r.safetensors").tensors["labels"], expected));
    const test::CliRun stored = run("explain --target label" + model + " --input " + (dir / "some").string()
                                    + " --out " + (dir / "store").string());
    ASSERT_EQ(stored.status, 0) << stored.err;
    EXPECT_TRUE(torch::equal(core::ExplanationStore::open(dir / "store")->labels(), expected));
}

TEST(ImageFolder, EvaluatingLooseImagesRefusesWhatNeedsLabels)
{
    // A folder without class folders holds unlabelled images: what needs labels says so (accuracy said 0.0000,
    // clip-mosaic LibTorch's "Class values must be non-negative."); metrics of the predicted class still run.
    test::TempDir dir;
    fs::create_directories(dir / "loose");
    for (const char *name : {"a.png", "b.png"})
        imaging::writePng(dir / "loose" / name, torch::rand({3, 8, 8}));
    const std::string model = " --model " + test::writeTinyModel(dir / "model.safetensors").string();
    const std::string data = " --data " + (dir / "loose").string();
    const std::string out = " --out " + (dir / "r.safetensors").string();
    const auto refused = [&](const std::string &command, const std::string &what) {
        SCOPED_TRACE(command);
        const test::CliRun run = test::runCli(test::cliPath(), "evaluate " + command + data, dir.path());
        EXPECT_EQ(run.status, 1);
        EXPECT_EQ(run.err, "bcos evaluate: --data " + (dir / "loose").string()
                               + ": the images have no labels (no class folders), and " + what + " needs them\n");
    };
    refused("accuracy" + model, "accuracy");
    refused("gridpg --grid 2" + model + out, "gridpg (it explains each cell's label)");
    refused("sparseness --target label" + model + out, "--target label");
    refused("clip-mosaic --model " + test::sourceDir() + "/resources/demo/fashion-mnist-clip.safetensors",
            "clip-mosaic (each cell is prompted with its class)");
    EXPECT_FALSE(fs::exists(dir / "r.safetensors"));
    const test::CliRun run = test::runCli(test::cliPath(), "evaluate sparseness" + model + data + out, dir.path());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(torch::equal(core::readSafetensors(dir / "r.safetensors").tensors["labels"],
                             torch::full({2}, -1, torch::kLong)));
}

} // namespace
} // namespace bcos
