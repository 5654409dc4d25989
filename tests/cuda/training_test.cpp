// core's Trainer on CUDA: one B-cosification epoch of the small Fashion-MNIST DenseNet (the demo architecture) on a
// tiny IDX set the test writes (a GPU machine has no datasets), read the way bcos train reads --data idx:DIR; and the
// CUDA-only options (bf16 autocast, channels_last) on a small B-cos CNN.
#include "core/data/dataloader.h"
#include "core/io/tensormap.h"
#include "core/models/family.h"
#include "core/models/loadweights.h"
#include "core/models/modelfile.h"
#include "core/models/simplecnn.h"
#include "core/train/trainer.h"
#include "core/workflows/datasetspec.h"
#include "core/workflows/trainingnetwork.h"
#include "tests/badinput/inputbuilders.h"
#include "tests/cuda/cudatest.h"
#include "tests/support/buildpaths.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"
#include "tests/support/tensordataset.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cmath>
#include <fstream>

namespace bcos {
namespace {

/// Keeps what the trainer reports at the start and at every logged step.
class StartAndSteps : public core::TrainObserver {
public:
    void onStart(const core::TrainStartInfo &info) override { start = info; }
    void onStep(const core::StepMetrics &metrics) override { steps.push_back(metrics); }

    core::TrainStartInfo start;
    std::vector<core::StepMetrics> steps;
};

/// A Fashion-MNIST-shaped IDX directory (28x28 grey images, 10 classes): class k is a bright band at rows
/// 2k+3..2k+5 over seeded noise, so the network has something to learn.
void writeBandsIdx(const std::filesystem::path &dir, std::uint32_t trainCount, std::uint32_t testCount)
{
    std::filesystem::create_directories(dir);
    torch::manual_seed(21);
    const auto write = [&](const std::string &split, std::uint32_t n) {
        at::Tensor images = torch::randint(0, 96, {n, 28, 28}, torch::kUInt8);
        std::string labels;
        for (std::uint32_t i = 0; i < n; ++i) {
            const int64_t k = i % 10;
            images[i].slice(0, 2 * k + 3, 2 * k + 6).fill_(230);
            labels.push_back(static_cast<char>(k));
        }
        const std::string pixels(static_cast<const char *>(images.data_ptr()), images.numel());
        test::writeFile(dir / (split + "-images-idx3-ubyte"), test::idxBytes({n, 28, 28}, pixels));
        test::writeFile(dir / (split + "-labels-idx1-ubyte"), test::idxBytes({n}, labels));
    };
    write("train", trainCount);
    write("t10k", testCount);
}

class CudaTraining : public test::CudaTest {
protected:
    core::TrainOptions options(const std::filesystem::path &run) const
    {
        core::TrainOptions o;
        o.epochs = 1;
        o.batchSize = 32;
        o.learningRate = 1e-3;
        o.seed = 3;
        o.device = device().str();
        o.runDirectory = run;
        o.logEvery = 2;
        return o;
    }
};

TEST_F(CudaTraining, BcosifiesTheFashionMnistDenseNetForOneEpoch)
{
    test::TempDir dir;
    writeBandsIdx(dir / "idx", 320, 64);
    const core::TrainData data = core::openDataset(core::parseDatasetSpec("idx:" + (dir / "idx").string()));
    core::TrainingNetworkSpec spec;
    spec.mode = core::TrainMode::Bcosify;
    spec.description.architecture
        = nlohmann::json::parse(std::ifstream(test::sourceDir() + "/resources/demo/fashion-mnist-densenet.json"));
    torch::manual_seed(1); // a fresh standard network stands in for the pretrained one
    spec.weights = core::stateDict(core::buildNetwork(spec.description)->model());
    core::Network network = core::buildTrainingNetwork(spec);

    auto trainOptions = options(dir / "run");
    trainOptions.mode = core::TrainMode::Bcosify;
    trainOptions.imageSize = 32;
    StartAndSteps observer;
    const core::TrainReport report = core::Trainer(trainOptions, data, network, {&observer}).run();
    ASSERT_EQ(report.outcome, core::TrainOutcome::Completed) << report.message;
    EXPECT_EQ(observer.start.device, device().str());
    EXPECT_EQ(observer.start.stepsPerEpoch, 10);
    ASSERT_EQ(report.epochs.size(), 1u);
    EXPECT_TRUE(std::isfinite(report.epochs[0].trainLoss));
    EXPECT_TRUE(std::isfinite(report.epochs[0].valLoss));
    ASSERT_EQ(observer.steps.size(), 5u);
    for (const auto &step : observer.steps) // the device's memory in use on CUDA, unknown on the CPU
        EXPECT_TRUE(device().is_cuda() ? step.gpuMemoryBytes > 0 : step.gpuMemoryBytes == -1) << step.gpuMemoryBytes;

    // The run's model file, loaded on the CPU, computes what the trained network computes on the device.
    core::Network saved = core::loadModel(report.finalModel);
    ASSERT_TRUE(saved->isBcos());
    std::vector<at::Tensor> images;
    for (int64_t i = 0; i < 8; ++i)
        images.push_back(data.val->get(i).image);
    torch::NoGradGuard noGrad;
    const at::Tensor input = saved->encode(torch::stack(images));
    network->eval();
    const at::Tensor onDevice = network->forward(input.to(device()));
    EXPECT_EQ(onDevice.device(), device());
    EXPECT_TRUE(test::allCloseGolden(onDevice.cpu(), saved->forward(input), 1e-4 * looser(), 1e-5 * looser()));
}

TEST_F(CudaTraining, Bf16AutocastAndChannelsLastTrainABcosNetwork)
{
    const auto data = test::colourDataset(128, 4);
    torch::manual_seed(5);
    core::SimpleCnnOptions cnn;
    cnn.numClasses = 4;
    cnn.widths = {8, 16};
    cnn.bcos = true;
    core::Network network = core::buildSimpleCnn(cnn);
    test::TempDir dir;
    auto trainOptions = options(dir / "run");
    trainOptions.mode = core::TrainMode::Scratch;
    trainOptions.epochs = 2;
    trainOptions.learningRate = 1e-2;
    trainOptions.bf16 = true;
    trainOptions.channelsLast = true;
    StartAndSteps observer;
    const core::TrainReport report = core::Trainer(trainOptions, {data, data}, network, {&observer}).run();
    ASSERT_EQ(report.outcome, core::TrainOutcome::Completed) << report.message;
    EXPECT_EQ(observer.start.device, device().str());
    EXPECT_EQ(observer.start.precision, device().is_cuda() ? "bfloat16 autocast" : "float32");
    EXPECT_EQ(observer.start.channelsLast, device().is_cuda());
    EXPECT_EQ(observer.start.notes.empty(), device().is_cuda());
    ASSERT_EQ(report.epochs.size(), 2u);
    EXPECT_TRUE(std::isfinite(report.epochs[1].trainLoss));
    EXPECT_LT(report.epochs[1].trainLoss, report.epochs[0].trainLoss);
    EXPECT_TRUE(std::filesystem::exists(report.finalModel));
}

} // namespace
} // namespace bcos

namespace bcos {
namespace {

// Training on a GPU loads page-locked batches (the Trainer sets LoaderOptions::pinMemory for a CUDA device), so
// their copies to the device run asynchronously; the pinned batches hold the same values as unpinned ones.
TEST_F(CudaTraining, LoaderWorkersPinTheBatchesForTheGpu)
{
    if (!device().is_cuda())
        GTEST_SKIP() << "page-locked memory needs a GPU (BCOS_CUDA_TESTS_ON_CPU runs the others on the CPU)";
    const auto data = test::colourDataset(40, 3);
    core::LoaderOptions options;
    options.batchSize = 16;
    options.seed = 4;
    options.workers = 2;
    core::DataLoader plain(data, options);
    options.pinMemory = true;
    core::DataLoader pinned(data, options);
    plain.startEpoch(1);
    pinned.startEpoch(1);
    int batches = 0;
    while (auto batch = pinned.next()) {
        const auto reference = plain.next();
        ASSERT_TRUE(reference);
        EXPECT_TRUE(batch->images.is_pinned() && batch->labels.is_pinned());
        EXPECT_FALSE(reference->images.is_pinned());
        EXPECT_TRUE(torch::equal(batch->images, reference->images));
        EXPECT_TRUE(torch::equal(batch->images.to(device(), /*non_blocking=*/true).cpu(), reference->images));
        ++batches;
    }
    EXPECT_EQ(batches, 3);
}

} // namespace
} // namespace bcos
