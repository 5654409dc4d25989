// bcos train --mode distill through the built binary: the demo's standard Fashion-MNIST DenseNet distilled into
// its B-cos twin on a folder of images without class folders, on labelled IDX data, and the errors a user meets.
#include "core/data/idxdataset.h"
#include "core/imaging/imageio.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/externaldata.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fmt/format.h>

namespace bcos {
namespace {

const std::string kFashionMnist = test::fashionMnistDir().string();
const std::filesystem::path kTeacher =
    std::filesystem::path(test::sourceDir()) / "resources" / "demo" / "fashion-mnist-densenet.safetensors";

class DistillCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (kFashionMnist.empty())
            GTEST_SKIP() << test::kNeedsFashionMnist;
    }
};

test::CliRun bcos(const test::TempDir &dir, const std::string &arguments)
{
    return test::runCli(test::cliPath(), arguments, dir.path());
}

std::string common(const test::TempDir &dir, const std::string &run)
{
    return "--epochs 1 --batch-size 16 --workers 0 --no-augment --image-size 32 --lr 1e-3 --seed 1 --log-every 1000"
           " --out " + (dir / run).string();
}

/// The first `n` Fashion-MNIST training images as PNGs in one folder, without class folders.
void writeUnlabelledFolder(const std::filesystem::path &folder, int64_t n)
{
    std::filesystem::create_directories(folder);
    const core::IdxDataset train(kFashionMnist, true);
    for (int64_t i = 0; i < n; ++i)
        imaging::writePng(folder / fmt::format("{:05}.png", i), train.get(i).image);
}

TEST_F(DistillCli, DistilsTheDemoTeacherOnImagesWithoutLabels)
{
    test::TempDir dir;
    writeUnlabelledFolder(dir / "photos", 80);
    const auto run = bcos(dir, "train --mode distill --weights " + kTeacher.string() + " --data "
                                   + (dir / "photos").string() + " --val-fraction 0.2 " + common(dir, "run"));
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("64 training / 16 validation images"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("agrees with the teacher on"), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find(" acc "), std::string::npos) << "no labels, no accuracy: " << run.out;
    EXPECT_EQ(run.out.find("top-1"), std::string::npos) << run.out;

    // The student: B-cos, the teacher's classes and names, and how it was made.
    const core::Network student = core::loadModel(dir / "run" / "model.safetensors");
    const core::ModelDescription teacher = core::readModelDescription(kTeacher);
    EXPECT_TRUE(student->isBcos());
    EXPECT_EQ(student->description().numClasses(), 10);
    EXPECT_EQ(student->description().classNames, teacher.classNames);
    EXPECT_EQ(student->description().architecture["family"], teacher.architecture["family"]);
    const auto &provenance = student->description().provenance;
    EXPECT_EQ(provenance.value("mode", ""), "distill");
    EXPECT_EQ(provenance.value("distill_loss", ""), "bce"); // the default
    EXPECT_EQ(provenance.value("weights", ""), kTeacher.string());
}

TEST_F(DistillCli, LabelledDataReportsAccuracyAndTheOtherLosses)
{
    test::TempDir dir;
    const auto run = bcos(dir, "train --mode distill --weights " + kTeacher.string() + " --data idx:" + kFashionMnist
                                   + " --train-limit 128 --val-limit 32 --distill-loss kl --temperature 2"
                                     " --feature-weight 0.5 " + common(dir, "run"));
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find(" acc "), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("top-1"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("agrees with the teacher on"), std::string::npos) << run.out;
    const auto provenance = core::loadModel(dir / "run" / "model.safetensors")->description().provenance;
    EXPECT_EQ(provenance.value("distill_loss", ""), "kl");
    EXPECT_EQ(provenance.value("temperature", 0.0), 2.0);
    EXPECT_EQ(provenance.value("feature_weight", 0.0), 0.5);
}

TEST_F(DistillCli, ClearErrorsForWhatCannotBeDistilled)
{
    test::TempDir dir;
    const std::string idx = " --data idx:" + kFashionMnist + " --train-limit 32 ";
    std::filesystem::create_directories(dir / "empty");
    auto run = bcos(dir, "train --mode distill --weights " + kTeacher.string() + " --data " + (dir / "empty").string()
                             + " " + common(dir, "a"));
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: image folder " + (dir / "empty").string()
                           + " holds no class subfolders with images, and no images of its own\n");

    run = bcos(dir, "train --mode distill --arch resnet18" + idx + common(dir, "b"));
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "bcos train: --mode distill needs --weights: the pretrained (standard) network to distil from\n");

    // A B-cos model is no teacher.
    const auto bcosModel = kTeacher.parent_path() / "fashion-mnist-densenet-bcos.safetensors";
    run = bcos(dir, "train --mode distill --weights " + bcosModel.string() + idx + common(dir, "c"));
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: " + bcosModel.string()
                           + ": already a B-cos network; --mode distill needs the standard network to distil from\n");

    // The teacher's tensors as a plain state dict, read as another architecture: the error names the file.
    core::TensorMap tensors = core::readSafetensors(kTeacher).tensors;
    core::writeSafetensors(dir / "teacher.safetensors", tensors);
    run = bcos(dir, "train --mode distill --arch resnet18 --weights " + (dir / "teacher.safetensors").string() + idx
                        + common(dir, "d"));
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err.rfind("bcos train: ", 0), 0u) << run.err;
    EXPECT_NE(run.err.find((dir / "teacher.safetensors").string()), std::string::npos) << run.err;

    // Modes that learn from labels refuse a folder without class folders.
    writeUnlabelledFolder(dir / "photos", 8);
    run = bcos(dir, "train --mode bcosify --weights " + kTeacher.string() + " --data " + (dir / "photos").string() + " "
                        + common(dir, "e"));
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: --mode bcosify learns from labels, and the training images have none (no class "
                       "folders); --mode distill trains without labels\n");
}

} // namespace
} // namespace bcos
