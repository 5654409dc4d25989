// B-cosification without labels (bcos train --mode distill): the logit and feature losses against their
// definitions, the trainer's distill mode (the student approaches its frozen teacher on unlabelled images, labels
// only report accuracy, cancel + resume is bit-identical) and its refusals.
#include "core/error.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "core/train/losses.h"
#include "core/train/trainer.h"
#include "core/workflows/trainingnetwork.h"
#include "tests/support/errorof.h"
#include "tests/support/tempdir.h"
#include "tests/support/trainrecorder.h"
#include "tests/support/tensordataset.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <vector>

namespace bcos {
namespace {

using test::errorOf;

/// Softmax of one row, in double.
std::vector<double> softmax(const std::vector<double> &z, double t)
{
    double max = -std::numeric_limits<double>::infinity(), sum = 0.0;
    for (const double v : z)
        max = std::max(max, v / t);
    std::vector<double> p;
    for (const double v : z)
        sum += p.emplace_back(std::exp(v / t - max));
    for (double &v : p)
        v /= sum;
    return p;
}

at::Tensor rows(const std::vector<std::vector<double>> &values)
{
    std::vector<at::Tensor> list;
    for (const auto &row : values)
        list.push_back(torch::tensor(row, torch::kDouble));
    return torch::stack(list);
}

const std::vector<std::vector<double>> kStudent{{1.0, 2.0, 3.0, -1.0}, {0.5, -0.5, 4.0, 0.0}};
const std::vector<std::vector<double>> kTeacher{{3.0, 2.0, 1.0, 0.0}, {0.0, 1.0, 2.0, 3.5}};

TEST(DistillLoss, KlIsTheTemperatureScaledDivergenceAndItsGradient)
{
    for (const double t : {1.0, 2.5}) {
        // T^2 * mean over rows of sum_k p_t (log p_t - log p_s), and d/ds = T (p_s - p_t) / B.
        double expected = 0.0;
        std::vector<std::vector<double>> gradient;
        for (size_t b = 0; b < kStudent.size(); ++b) {
            const auto ps = softmax(kStudent[b], t), pt = softmax(kTeacher[b], t);
            auto &row = gradient.emplace_back();
            for (size_t k = 0; k < ps.size(); ++k) {
                expected += pt[k] * (std::log(pt[k]) - std::log(ps[k]));
                row.push_back(t * (ps[k] - pt[k]) / static_cast<double>(kStudent.size()));
            }
        }
        expected *= t * t / static_cast<double>(kStudent.size());
        const auto student = rows(kStudent).requires_grad_();
        const auto loss = core::distillationKl(student, rows(kTeacher), t);
        EXPECT_NEAR(loss.item<double>(), expected, 1e-12) << "T " << t;
        loss.backward();
        EXPECT_TRUE(torch::allclose(student.grad(), rows(gradient), 0.0, 1e-12)) << student.grad();
    }
    EXPECT_NEAR(core::distillationKl(rows(kTeacher), rows(kTeacher), 3.0).item<double>(), 0.0, 1e-12);
}

TEST(DistillLoss, BceTakesTheTeachersSoftenedSoftmaxAsTargets)
{
    const double t = 2.0;
    double expected = 0.0;
    for (size_t b = 0; b < kStudent.size(); ++b) {
        const auto q = softmax(kTeacher[b], t);
        for (size_t k = 0; k < q.size(); ++k) {
            const double s = 1.0 / (1.0 + std::exp(-kStudent[b][k]));
            expected -= q[k] * std::log(s) + (1.0 - q[k]) * std::log(1.0 - s);
        }
    }
    expected /= static_cast<double>(kStudent.size() * kStudent[0].size());
    EXPECT_NEAR(core::distillationBce(rows(kStudent), rows(kTeacher), t).item<double>(), expected, 1e-12);
}

TEST(DistillLoss, FeatureCosineIsOneMinusTheMeanCosinePerLocation)
{
    // Two locations: identical directions (cosine 1) and orthogonal ones (cosine 0): loss 1 - 0.5.
    auto student = torch::zeros({1, 2, 1, 2}, torch::kDouble);
    auto teacher = torch::zeros({1, 2, 1, 2}, torch::kDouble);
    student.index_put_({0, 0, 0, 0}, 2.0);
    teacher.index_put_({0, 0, 0, 0}, 5.0); // same direction, other length
    student.index_put_({0, 0, 0, 1}, 1.0);
    teacher.index_put_({0, 1, 0, 1}, 1.0);
    EXPECT_NEAR(core::featureCosineLoss(student, teacher).item<double>(), 0.5, 1e-12);
    EXPECT_EQ(errorOf([] { core::featureCosineLoss(torch::ones({2, 8, 3, 3}), torch::ones({2, 4, 3, 3})); }),
              "feature alignment: the student's features are [2, 8, 3, 3], the teacher's [2, 4, 3, 3]; they must "
              "have the same shape [B, C, ...]");
    EXPECT_EQ(errorOf([] { core::distillationKl(torch::ones({2, 3}), torch::ones({2, 4}), 1.0); }),
              "distillation KL: the student's logits are [2, 3], the teacher's [2, 4]; expected the same [B, K]");
    EXPECT_EQ(errorOf([] { core::distillationBce(torch::ones({2, 3}), torch::ones({2, 3}), 0.0); }),
              "distillation BCE: the temperature must be a positive number, got 0");
}

/// The labels of another dataset hidden: what an image folder without class folders gives the trainer.
class Unlabelled : public core::Dataset {
public:
    explicit Unlabelled(std::shared_ptr<const core::Dataset> base) : m_base(std::move(base)) {}
    int64_t size() const override { return m_base->size(); }
    int64_t numClasses() const override { return 0; }
    std::vector<std::string> classNames() const override { return {}; }
    bool hasLabels() const override { return false; }
    core::Sample get(int64_t index) const override { return {m_base->get(index).image, -1}; }

private:
    std::shared_ptr<const core::Dataset> m_base;
};

core::ModelDescription tinyResNet(int64_t classes)
{
    core::ModelDescription description;
    description.architecture = {
        {"family", "resnet"}, {"block", "basic"}, {"layers", {1, 1, 1, 1}}, {"num_classes", classes}};
    return description;
}

core::TrainOptions distillOptions(const std::filesystem::path &run)
{
    core::TrainOptions options;
    options.mode = core::TrainMode::Distill;
    options.distillLoss = core::DistillLoss::Kl; // the tests below compare with distillationKl()
    options.epochs = 3;
    options.batchSize = 16;
    options.learningRate = 1e-3;
    options.seed = 5;
    options.runDirectory = run;
    options.logEvery = 2;
    options.loaderWorkers = 2;
    options.augment = false;
    return options;
}

/// A standard tiny ResNet trained for a few epochs on the colour problem (labels 0..3): the teacher.
core::TensorMap teacherWeights()
{
    static const core::TensorMap weights = [] {
        core::TrainingNetworkSpec spec;
        spec.mode = core::TrainMode::Pretrain;
        spec.description = tinyResNet(4);
        torch::manual_seed(21);
        core::Network network = core::buildTrainingNetwork(spec);
        core::TrainOptions options = distillOptions({});
        options.mode = core::TrainMode::Pretrain;
        options.epochs = 8;
        options.learningRate = 1e-2;
        const auto data = test::colourDataset(128, 2);
        const auto report = core::Trainer(options, {data, nullptr}, network).run();
        EXPECT_EQ(report.outcome, core::TrainOutcome::Completed);
        return core::stateDict(network->model());
    }();
    return weights;
}

core::DistillTask distillation()
{
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Distill;
    spec.description = tinyResNet(4);
    spec.weights = teacherWeights();
    return core::buildDistillation(spec);
}

void expectEqualTensors(const core::TensorMap &actual, const core::TensorMap &expected)
{
    ASSERT_EQ(actual.size(), expected.size());
    for (const auto &item : expected) {
        const at::Tensor *found = actual.find(item.key());
        ASSERT_NE(found, nullptr) << item.key();
        EXPECT_TRUE(torch::equal(found->cpu(), item.value().cpu())) << item.key();
    }
}

using Recorder = test::TrainRecorder;

/// The distillation loss (KL, T = 1) of the student against the teacher over all of `data`, in eval mode.
double klOver(core::DistillTask &task, const core::Dataset &data)
{
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> images;
    for (int64_t i = 0; i < data.size(); ++i)
        images.push_back(data.get(i).image);
    const auto batch = torch::stack(images);
    task.student->eval();
    task.teacher->eval();
    const auto student = task.student->forward(task.student->encode(batch));
    const auto teacher = task.teacher->forward(task.teacher->encode(batch));
    return core::distillationKl(student, teacher, 1.0).item<double>();
}

TEST(Distill, TheStudentLearnsItsTeacherFromImagesWithoutLabels)
{
    const auto train = std::make_shared<Unlabelled>(test::colourDataset(96, 3));
    const auto val = std::make_shared<Unlabelled>(test::colourDataset(48, 4));
    core::DistillTask task = distillation();
    EXPECT_TRUE(task.student->isBcos());
    EXPECT_FALSE(task.teacher->isBcos());
    const core::TensorMap teacherBefore = core::stateDict(task.teacher->model());
    const double before = klOver(task, *val);

    test::TempDir run;
    Recorder recorder;
    auto options = distillOptions(run.path());
    options.epochs = 8;
    options.learningRate = 1e-2;
    const auto report = core::Trainer(options, {train, val}, task, {&recorder}).run();
    ASSERT_EQ(report.outcome, core::TrainOutcome::Completed) << report.message;
    ASSERT_EQ(recorder.epochs.size(), 8u);
    const auto &last = recorder.epochs.back();
    // No labels: no accuracy; the validation loss is the distillation loss, and it fell.
    EXPECT_TRUE(std::isnan(last.trainTop1));
    EXPECT_TRUE(std::isnan(last.valTop1));
    EXPECT_TRUE(std::isnan(recorder.steps.front().top1));
    EXPECT_TRUE(std::isfinite(recorder.epochs.front().valLoss));
    const double after = klOver(task, *val);
    EXPECT_NEAR(last.valLoss, after, 1e-4 * std::max(1.0, after)); // the logged value is this KL
    std::cout << "distill: KL to the teacher " << before << " -> " << after << ", agreement "
              << recorder.epochs.front().valAgreement << " -> " << last.valAgreement << "\n";
    EXPECT_LT(after, 0.6 * before); // measured 1.18 -> 0.43
    EXPECT_GT(last.valAgreement, recorder.epochs.front().valAgreement); // measured 0.69 -> 0.83 (of 48 images)
    // The teacher is read-only.
    expectEqualTensors(core::stateDict(task.teacher->model()), teacherBefore);
    // The run's model is the B-cos student; its metrics name the teacher agreement.
    const auto model = core::loadModel(run / "model.safetensors");
    EXPECT_TRUE(model->isBcos());
    std::ifstream jsonl(run / "metrics.jsonl");
    bool sawAgreement = false;
    for (std::string line; std::getline(jsonl, line);) {
        const auto json = nlohmann::json::parse(line);
        if (json["type"] == "epoch")
            sawAgreement = json.contains("val_agreement") && json["val_agreement"].is_number();
    }
    EXPECT_TRUE(sawAgreement);
}

TEST(Distill, LabelsOfTheTeachersClassesOnlyReportAccuracy)
{
    // The same images with labels: the loss and the weights do not change; accuracy is reported.
    const auto labelled = test::colourDataset(64, 3);
    const auto unlabelled = std::make_shared<Unlabelled>(labelled);
    auto options = distillOptions({});
    options.epochs = 1;
    core::DistillTask withLabels = distillation(), without = distillation();
    Recorder a, b;
    core::Trainer(options, {labelled, labelled}, withLabels, {&a}).run();
    core::Trainer(options, {unlabelled, unlabelled}, without, {&b}).run();
    ASSERT_EQ(a.epochs.size(), 1u);
    ASSERT_EQ(b.epochs.size(), 1u);
    EXPECT_EQ(a.epochs[0].trainLoss, b.epochs[0].trainLoss);
    EXPECT_EQ(a.epochs[0].valLoss, b.epochs[0].valLoss);
    EXPECT_TRUE(std::isfinite(a.epochs[0].valTop1));
    EXPECT_TRUE(std::isnan(b.epochs[0].valTop1));
    expectEqualTensors(core::stateDict(withLabels.student->model()), core::stateDict(without.student->model()));

    // Labels of other classes (3, the teacher has 4) are not compared with its predictions.
    const auto threeClasses = std::make_shared<test::TensorDataset>(torch::rand({32, 3, 8, 8}),
                                                                   torch::randint(3, {32}, torch::kLong), 3);
    Recorder c;
    core::DistillTask other = distillation();
    core::Trainer(options, {threeClasses, nullptr}, other, {&c}).run();
    ASSERT_FALSE(c.messages.empty());
    EXPECT_EQ(c.messages.front(),
              "the data's 3 classes are not the teacher's 4: its labels are not used and accuracy is not reported");
    ASSERT_EQ(c.epochs.size(), 1u);
    EXPECT_TRUE(std::isnan(c.epochs[0].trainTop1));
}

TEST(Distill, ResumeAfterCancelIsBitIdentical)
{
    const auto data = std::make_shared<Unlabelled>(test::colourDataset(64, 6));
    auto options = distillOptions({});
    options.epochs = 2;
    test::TempDir full, split;
    options.runDirectory = full.path();
    core::DistillTask reference = distillation();
    ASSERT_EQ(core::Trainer(options, {data, nullptr}, reference).run().outcome, core::TrainOutcome::Completed);

    core::TrainControl control;
    Recorder recorder;
    recorder.control = &control;
    recorder.cancelAfterStep = 2;
    options.runDirectory = split.path();
    core::DistillTask first = distillation();
    const auto cancelled = core::Trainer(options, {data, nullptr}, first, {&recorder, &control}).run();
    ASSERT_EQ(cancelled.outcome, core::TrainOutcome::Cancelled);
    EXPECT_EQ(cancelled.message, "cancelled at epoch 1, step 2; checkpoint saved");

    options.resume = true;
    core::DistillTask resumed = distillation();
    torch::manual_seed(99); // nothing of the student may come from here
    for (auto &parameter : resumed.student->parameters())
        parameter.data().uniform_();
    ASSERT_EQ(core::Trainer(options, {data, nullptr}, resumed).run().outcome, core::TrainOutcome::Completed);
    expectEqualTensors(core::stateDict(resumed.student->model()), core::stateDict(reference.student->model()));
}

TEST(Distill, RefusesWhatCannotBeDistilled)
{
    const auto data = std::make_shared<Unlabelled>(test::colourDataset(16, 7));
    // Without a teacher, with two B-cos networks, with other classes, with nothing to learn.
    core::DistillTask task = distillation();
    EXPECT_EQ(errorOf([&] { core::Trainer(distillOptions({}), {data, nullptr}, task.student).run(); }),
              "distill trains a student towards a teacher: construct the Trainer with a DistillTask");
    EXPECT_EQ(errorOf([&] { core::Trainer(distillOptions({}), {data, nullptr}, core::DistillTask{task.student, task.student}); }),
              "distill trains a B-cos student towards a standard teacher");
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Pretrain;
    spec.description = tinyResNet(3);
    const core::Network threeClasses = core::buildTrainingNetwork(spec);
    EXPECT_EQ(errorOf([&] { core::Trainer(distillOptions({}), {data, nullptr}, core::DistillTask{task.student, threeClasses}); }),
              "distill: the student has 4 classes, the teacher 3");
    auto options = distillOptions({});
    options.logitWeight = 0.0;
    EXPECT_EQ(errorOf([&] { core::Trainer(options, {data, nullptr}, task); }),
              "distill: the temperature must be positive and the logit and feature weights non-negative, not both 0 "
              "(got T 1, weights 0 and 0)");
    // A teacher whose weights are not those of the architecture.
    spec.mode = core::TrainMode::Distill;
    spec.description = tinyResNet(4);
    spec.weights = teacherWeights();
    spec.weights.erase("fc.weight");
    spec.origin = "teacher.safetensors";
    EXPECT_NE(errorOf([&] { core::buildDistillation(spec); }).find("teacher.safetensors"), std::string::npos);
    // Modes that learn from labels refuse images without them.
    options = distillOptions({});
    options.mode = core::TrainMode::Bcosify;
    EXPECT_EQ(errorOf([&] { core::Trainer(options, {data, nullptr}, task.student).run(); }),
              "--mode bcosify learns from labels, and the training images have none (no class folders); --mode "
              "distill trains without labels");
}

TEST(Distill, TheFeatureTermAlignsTheLastFeatureMaps)
{
    // Features only (no logit term): the student's last feature map turns towards the teacher's.
    const auto data = std::make_shared<Unlabelled>(test::colourDataset(64, 8));
    core::DistillTask task = distillation();
    std::vector<at::Tensor> list;
    for (int64_t i = 0; i < data->size(); ++i)
        list.push_back(data->get(i).image);
    const auto images = torch::stack(list);
    const auto cosineLoss = [&] {
        torch::NoGradGuard noGrad;
        task.student->eval();
        const auto s = task.student->model().features(task.student->normalizeInput(task.student->encode(images)));
        const auto t = task.teacher->model().features(task.teacher->normalizeInput(task.teacher->encode(images)));
        return core::featureCosineLoss(s, t).item<double>();
    };
    const double before = cosineLoss();
    auto options = distillOptions({});
    options.logitWeight = 0.0;
    options.featureWeight = 1.0;
    options.epochs = 4;
    options.learningRate = 1e-2;
    Recorder recorder;
    ASSERT_EQ(core::Trainer(options, {data, data}, task, {&recorder}).run().outcome, core::TrainOutcome::Completed);
    const double after = cosineLoss();
    std::cout << "feature alignment: 1 - cosine " << before << " -> " << after << "\n";
    EXPECT_LT(after, 0.5 * before); // measured 0.78 -> 0.17
    // The validation loss is that term: 4 batches of 16, so the mean of their means is the mean over all 64.
    ASSERT_EQ(recorder.epochs.size(), 4u);
    EXPECT_NEAR(recorder.epochs.back().valLoss, after, 1e-5);
}

/// Every family we B-cosify from a standard network distils: DenseNet (classifier before pooling) and the ViT
/// (tokens as the last feature map) beside the ResNet above. A random standard teacher of each; both terms on.
TEST(Distill, EveryFamilyWeBcosifyDistilsLogitsAndFeatures)
{
    const std::vector<nlohmann::json> families{
        {{"family", "densenet"}, {"growth_rate", 4}, {"block_config", {1, 1}}, {"num_init_features", 8},
         {"bn_size", 2}, {"num_classes", 4}},
        {{"family", "vit"}, {"image_size", 8}, {"patch_size", 2}, {"dim", 16}, {"depth", 1}, {"heads", 2},
         {"mlp_dim", 32}, {"num_classes", 4}},
    };
    const auto data = std::make_shared<Unlabelled>(test::colourDataset(64, 9));
    for (const auto &architecture : families) {
        SCOPED_TRACE(architecture.dump());
        core::TrainingNetworkSpec spec;
        spec.mode = core::TrainMode::Pretrain;
        spec.description.architecture = architecture;
        torch::manual_seed(3);
        spec.weights = core::stateDict(core::buildTrainingNetwork(spec)->model());
        spec.mode = core::TrainMode::Distill;
        core::DistillTask task = core::buildDistillation(spec);
        ASSERT_TRUE(task.student->isBcos());
        ASSERT_FALSE(task.teacher->isBcos());
        const double before = klOver(task, *data);

        auto options = distillOptions({});
        options.featureWeight = 1.0;
        options.epochs = 6;
        options.learningRate = 1e-2;
        Recorder recorder;
        const auto report = core::Trainer(options, {data, data}, task, {&recorder}).run();
        ASSERT_EQ(report.outcome, core::TrainOutcome::Completed) << report.message;
        ASSERT_EQ(recorder.epochs.size(), 6u);
        const double after = klOver(task, *data);
        std::cout << architecture["family"] << ": KL to the teacher " << before << " -> " << after << ", val loss "
                  << recorder.epochs.front().valLoss << " -> " << recorder.epochs.back().valLoss << "\n";
        EXPECT_LT(after, before);
        EXPECT_LT(recorder.epochs.back().valLoss, recorder.epochs.front().valLoss);
    }
}

} // namespace
} // namespace bcos
