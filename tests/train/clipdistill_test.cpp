// clip-distill with the real CLIP port: the golden CLIP ResNet as teacher, its B-cosified copy as student.
// Checks both embeddings against the reference, a short distillation on Fashion-MNIST, and the saved model file.
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/train/clipdistill.h"
#include "core/train/trainer.h"
#include "tests/support/externaldata.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cmath>

namespace bcos {
namespace {

/// The golden CLIP weights laid out as in OpenAI's CLIP state dict ("visual." + the image encoder's keys, and
/// OpenAI's scalar entries, which are ignored).
core::TensorMap openAiLayout(const test::GoldenCase &golden)
{
    core::TensorMap weights;
    for (const auto &item : golden.standardStateDict())
        weights.insert("visual." + item.key(), item.value());
    weights.insert("logit_scale", torch::tensor(4.6f));
    return weights;
}

/// The student's settings of the golden conversion: B from the JSON's bcosify.B.
core::BcosSettings goldenBcos(const test::GoldenCase &golden)
{
    core::BcosSettings bcos;
    bcos.enabled = true;
    bcos.b = golden.json().at("bcosify").at("B").get<double>();
    return bcos;
}

/// The golden encoder's input side (JSON arch.input_resolution).
int64_t inputResolution(const test::GoldenCase &golden)
{
    return golden.json().at("arch").at("input_resolution").get<int64_t>();
}

TEST(ClipDistillation, TeacherAndStudentMatchTheReference)
{
    const test::GoldenCase golden("clip");
    auto distillation =
        core::makeClipDistillation(golden.json().at("arch"), openAiLayout(golden), goldenBcos(golden), "golden");
    EXPECT_TRUE(distillation.student.description.bcos.enabled);
    EXPECT_EQ(distillation.student.description.bcos.b, goldenBcos(golden).b);
    EXPECT_EQ(distillation.student.description.architecture.at("family"), "clip_resnet");
    EXPECT_FALSE(distillation.student.hasText()); // the golden case has no text tower

    auto task = distillation.task();
    torch::NoGradGuard noGrad;
    distillation.student.image->eval();
    const auto image = golden.tensor("input.image");
    EXPECT_TRUE(test::allCloseGolden(task.teacherEmbed(image), golden.tensor("expected.standard.embedding"), 1e-4, 1e-5));
    EXPECT_TRUE(test::allCloseGolden(task.studentEmbed(image), golden.tensor("expected.bcosified.tokens"), 1e-4, 1e-5));
    EXPECT_FALSE(distillation.teacher->parameters()[0].requires_grad());
}

TEST(ClipDistillation, RejectsImagesOfAnotherSize)
{
    const test::GoldenCase golden("clip");
    auto task = core::makeClipDistillation(golden.json().at("arch"), openAiLayout(golden), {}, "golden").task();
    const int64_t side = inputResolution(golden);
    const int64_t wrong = side / 2; // any other side is rejected
    const auto error = [&] {
        try {
            task.studentEmbed(torch::rand({1, 3, wrong, wrong}));
        } catch (const core::Error &e) {
            return std::string(e.what());
        }
        return std::string("no error");
    }();
    EXPECT_EQ(error, fmt::format("clip-distill: images must be [B, 3, {0}, {0}] (the encoder's input_resolution), "
                                 "got [1, 3, {1}, {1}]; use --image-size {0}",
                                 side, wrong));
}

TEST(ClipDistillation, MissingImageWeightsNameTheFile)
{
    const test::GoldenCase golden("clip");
    auto weights = openAiLayout(golden);
    core::TensorMap partial;
    for (const auto &item : weights)
        if (item.key() != "visual.conv1.weight")
            partial.insert(item.key(), item.value());
    try {
        core::makeClipDistillation(golden.json().at("arch"), partial, {}, "clip.pt");
        FAIL() << "expected an error";
    } catch (const core::Error &e) {
        EXPECT_NE(std::string(e.what()).find("clip.pt"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("conv1.weight"), std::string::npos) << e.what();
    }
}

/// Two epochs on 128 Fashion-MNIST images at the golden input_resolution: the student's tokens turn towards the
/// teacher's embedding, and the run's model.safetensors is a CLIP model file (description + text tower).
TEST(ClipDistillation, DistilsOnFashionMnistAndSavesAClipModelFile)
{
    const std::filesystem::path directory = test::fashionMnistDir();
    if (directory.empty())
        GTEST_SKIP() << test::kNeedsFashionMnist;
    const auto train = core::headSubset(std::make_shared<core::IdxDataset>(directory, true), 128);
    const auto val = core::headSubset(std::make_shared<core::IdxDataset>(directory, false), 32);
    const test::GoldenCase golden("clip");
    auto distillation = core::makeClipDistillation(golden.json().at("arch"), openAiLayout(golden), {}, "golden");
    test::TempDir dir;
    core::TrainOptions options;
    options.mode = core::TrainMode::ClipDistill;
    options.epochs = 2;
    options.batchSize = 16;
    options.learningRate = 1e-3;
    options.imageSize = inputResolution(golden); // the task rejects any other size
    options.augment = false;
    options.sigLipCosScaling = 3;
    options.loaderWorkers = 0;
    options.runDirectory = dir / "run";
    const auto report = core::Trainer(options, {train, val}, distillation.task()).run();
    ASSERT_EQ(report.outcome, core::TrainOutcome::Completed) << report.message;
    ASSERT_EQ(report.epochs.size(), 2u);
    std::cout << "CLIP distillation: val cosine " << report.epochs[0].valCosine << " -> " << report.epochs[1].valCosine
              << ", loss " << report.epochs[0].trainLoss << " -> " << report.epochs[1].trainLoss << "\n";
    EXPECT_TRUE(std::isfinite(report.epochs[1].valCosine));
    EXPECT_GT(report.epochs[1].valCosine, report.epochs[0].valCosine);
    EXPECT_LT(report.epochs[1].trainLoss, report.epochs[0].trainLoss);

    const auto saved = core::loadClipModel(report.finalModel);
    EXPECT_EQ(saved.description.architecture.at("family"), "clip_resnet");
    EXPECT_EQ(saved.description.provenance.at("mode"), "clip-distill");
    EXPECT_FALSE(saved.convertedOnLoad); // the trained B-cos weights, not a fresh conversion
    EXPECT_TRUE(torch::equal(saved.image->named_parameters()["layer4.0.conv1.linear.weight"],
                             distillation.student.image->named_parameters()["layer4.0.conv1.linear.weight"].cpu()));
}

} // namespace
} // namespace bcos
