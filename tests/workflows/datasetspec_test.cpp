// core/workflows/datasetspec: `--data` specs and the training form's dataset, opened the same way.
#include "core/error.h"
#include "core/workflows/datasetspec.h"
#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif
#include "tests/badinput/inputbuilders.h"
#include "core/data/idxdataset.h"
#include "tests/support/errorof.h"
#include "tests/support/externaldata.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos {
namespace {

using test::errorOf;

TEST(DatasetSpec, ParsesTheDataOptionOfBcosTrain)
{
    const core::DatasetSpec idx = core::parseDatasetSpec("idx:/data/fashion-mnist");
    EXPECT_EQ(idx.kind, core::DatasetKind::Idx);
    EXPECT_EQ(idx.path, "/data/fashion-mnist");
    const core::DatasetSpec cifar = core::parseDatasetSpec("cifar:cifar-10-batches-bin");
    EXPECT_EQ(cifar.kind, core::DatasetKind::Cifar);
    EXPECT_EQ(cifar.path, "cifar-10-batches-bin");
    for (const std::string folder : {"photos", "idx", "folder:x", "/data/idx:weird"}) {
        const core::DatasetSpec spec = core::parseDatasetSpec(folder);
        EXPECT_EQ(spec.kind, core::DatasetKind::ImageFolder) << folder;
        EXPECT_EQ(spec.path, folder);
    }
    for (const auto &[kind, path] : {std::pair{core::DatasetKind::Idx, std::string("/data/fashion-mnist")},
                                     std::pair{core::DatasetKind::Cifar, std::string("c")},
                                     std::pair{core::DatasetKind::ImageFolder, std::string("photos")}}) {
        const core::DatasetSpec back = core::parseDatasetSpec(core::datasetSpecText(kind, path));
        EXPECT_EQ(back.kind, kind);
        EXPECT_EQ(back.path, path);
    }
    EXPECT_EQ(core::datasetSpecText(core::DatasetKind::Idx, "/d"), "idx:/d");
    const core::DatasetSpec defaults = core::parseDatasetSpec("photos");
    EXPECT_EQ(defaults.valFraction, 0.1);
    EXPECT_EQ(defaults.trainLimit, 0);
    EXPECT_EQ(defaults.valLimit, 0);
}

TEST(DatasetSpec, TrainOffsetSkipsTheImagesATeacherWasTrainedOn)
{
    const auto directory = test::fashionMnistDir();
    if (directory.empty())
        GTEST_SKIP() << test::kNeedsFashionMnist;
    core::DatasetSpec spec;
    spec.kind = core::DatasetKind::Idx;
    spec.path = directory;
    spec.trainOffset = 30000;
    spec.trainLimit = 5;
    const core::TrainData data = core::openDataset(spec);
    const core::IdxDataset all(directory, true);
    ASSERT_EQ(data.train->size(), 5);
    for (int64_t i = 0; i < 5; ++i) {
        EXPECT_TRUE(torch::equal(data.train->get(i).image, all.get(30000 + i).image)) << i;
        EXPECT_EQ(data.train->get(i).label, all.get(30000 + i).label) << i;
    }
    EXPECT_EQ(data.val->size(), 10000); // the test split is not offset
    spec.trainOffset = all.size();
    EXPECT_EQ(errorOf([&] { core::openDataset(spec); }), "--train-offset 60000: the training set has only 60000 images");
}

TEST(DatasetSpec, KindNamesComeFromOneTable)
{
    EXPECT_EQ(core::enumName(core::kDatasetKindNames, core::DatasetKind::Idx), "idx");
    EXPECT_EQ(core::enumFromName(core::kDatasetKindNames, "cifar"), core::DatasetKind::Cifar);
    EXPECT_EQ(core::namesWithOr(core::kDatasetKindNames), "folder, idx or cifar");
}

TEST(DatasetSpec, OpensIdxWithLimits)
{
    test::TempDir dir;
    test::writeIdxDirectory(dir / "idx", 6);
    core::DatasetSpec spec = core::parseDatasetSpec("idx:" + (dir / "idx").string());
    core::TrainData data = core::openDataset(spec);
    ASSERT_TRUE(data.val);
    EXPECT_EQ(data.train->size(), 6);
    EXPECT_EQ(data.val->size(), 6);
    EXPECT_EQ(data.train->get(5).label, 5);
    spec.trainLimit = 4;
    spec.valLimit = 2;
    data = core::openDataset(spec);
    EXPECT_EQ(data.train->size(), 4);
    EXPECT_EQ(data.val->size(), 2);
    EXPECT_EQ(data.train->get(3).image.sizes(), (std::vector<int64_t>{3, 4, 4}));
}

TEST(DatasetSpec, OpensCifar)
{
    test::TempDir dir;
    test::writeCifarDirectory(dir / "cifar");
    const core::TrainData data = core::openDataset(core::parseDatasetSpec("cifar:" + (dir / "cifar").string()));
    ASSERT_TRUE(data.val);
    EXPECT_EQ(data.train->size(), 5); // one record in each of data_batch_1..5
    EXPECT_EQ(data.val->size(), 1);
    EXPECT_EQ(data.train->get(0).label, 3);
    EXPECT_EQ(data.train->numClasses(), 10);
}

#ifdef BCOS_HAVE_OPENCV
TEST(DatasetSpec, SplitsAnImageFolderWithItsSeed)
{
    test::TempDir dir;
    for (const std::string name : {"cat", "dog"}) {
        std::filesystem::create_directories(dir / "photos" / name);
        for (int i = 0; i < 5; ++i)
            imaging::writePng(dir / "photos" / name / (std::to_string(i) + ".png"), torch::full({3, 4, 4}, 0.5));
    }
    core::DatasetSpec spec = core::parseDatasetSpec((dir / "photos").string());
    spec.valFraction = 0.2;
    const core::TrainData data = core::openDataset(spec);
    ASSERT_TRUE(data.val);
    EXPECT_EQ(data.train->size(), 8);
    EXPECT_EQ(data.val->size(), 2);
    EXPECT_EQ(data.train->classNames(), (std::vector<std::string>{"cat", "dog"}));
    spec.trainLimit = 3;
    EXPECT_EQ(core::openDataset(spec).train->size(), 3);
}
#else
TEST(DatasetSpec, ImageFoldersNeedOpenCv)
{
    EXPECT_EQ(errorOf([] { core::openDataset(core::parseDatasetSpec("photos")); }),
              "--data photos: image folders need OpenCV (bcos_imaging), not built");
}
#endif

} // namespace
} // namespace bcos
