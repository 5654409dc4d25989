// bcos train through the built binary: pretrain a small DenseNet on a Fashion-MNIST subset, B-cosify the run's
// model file, then explain the B-cosified network with W(x)x.
#include "core/cudagraph.h"
#include "core/data/idxdataset.h"
#include "core/nn/fusedbcosscale.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "core/models/network.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/externaldata.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fmt/format.h>

#include <fstream>

namespace bcos {
namespace {

const std::string kFashionMnist = test::fashionMnistDir().string();

/// Every test here trains or evaluates on Fashion-MNIST.
class TrainCli : public ::testing::Test {
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

std::string trainArguments(const test::TempDir &dir, const std::string &run)
{
    return "--data idx:" + kFashionMnist + " --epochs 1 --train-limit 512 --val-limit 32 --batch-size 32 --workers 0"
           " --no-augment --lr 1e-2 --seed 3 --out " + (dir / run).string();
}

TEST_F(TrainCli, PretrainThenBcosifyThenExplain)
{
    test::TempDir dir;
    std::ofstream(dir / "densenet.json")
        << R"({"family": "densenet", "growth_rate": 8, "block_config": [2, 2, 2], "num_init_features": 16,)"
           R"( "bn_size": 2, "num_classes": 10})";

    // IDX files name no classes: --class-names gives them, and the B-cosified run below keeps them.
    std::ofstream names(dir / "names.txt");
    for (const char *name : {"T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                             "Ankle boot"})
        names << name << "\n";
    names.close();
    auto run = bcos(dir, "train --mode pretrain --arch " + (dir / "densenet.json").string() + " --class-names "
                             + (dir / "names.txt").string() + " " + trainArguments(dir, "pretrain"));
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("512 training / 32 validation images"), std::string::npos) << run.out;
    const core::Network standard = core::loadModel(dir / "pretrain" / "model.safetensors");
    EXPECT_EQ(standard->description().family(), "densenet");
    EXPECT_FALSE(standard->description().bcos.enabled);
    EXPECT_EQ(standard->description().numClasses(), 10);
    ASSERT_EQ(standard->description().classNames.size(), 10u);
    EXPECT_EQ(standard->description().classNames[9], "Ankle boot");
    EXPECT_EQ(standard->description().provenance.value("train_mode", ""), "pretrain");

    // --arch may be left out: the model file describes the standard network.
    run = bcos(dir, "train --mode bcosify --weights " + (dir / "pretrain" / "model.safetensors").string() + " --b 2.5 "
                        + trainArguments(dir, "bcosify"));
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    core::Network bcosified = core::loadModel(dir / "bcosify" / "model.safetensors");
    EXPECT_TRUE(bcosified->description().bcos.enabled);
    EXPECT_DOUBLE_EQ(bcosified->description().bcos.b, 2.5);
    EXPECT_EQ(bcosified->description().architecture, standard->description().architecture);
    EXPECT_EQ(bcosified->description().provenance.value("mode", ""), "bcosify");
    EXPECT_EQ(bcosified->description().classNames, standard->description().classNames);

    const core::IdxDataset test(kFashionMnist, false);
    core::TensorMap images;
    images.insert("images", torch::stack({test.get(0).image, test.get(1).image, test.get(2).image}));
    core::writeSafetensors(dir / "images.safetensors", images);
    run = bcos(dir, "explain --model " + (dir / "bcosify" / "model.safetensors").string() + " --input "
                        + (dir / "images.safetensors").string() + " --method wxx --out "
                        + (dir / "explained.safetensors").string());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    const auto explained = core::readSafetensors(dir / "explained.safetensors");
    at::Tensor logits;
    {
        torch::NoGradGuard noGrad;
        logits = bcosified->forward(bcosified->encode(images["images"]));
    }
    EXPECT_TRUE(torch::allclose(explained.tensors["logits"], logits, 1e-4, 1e-5));
    EXPECT_TRUE(torch::equal(explained.tensors["targets"], logits.argmax(1)));
    EXPECT_EQ(explained.tensors["dynamic_weights"].sizes(), (std::vector<int64_t>{3, 6, 28, 28}));
    EXPECT_EQ(explained.tensors["contributions"].sizes(), (std::vector<int64_t>{3, 28, 28}));
    EXPECT_EQ(explained.tensors["rgba"].sizes(), (std::vector<int64_t>{3, 28, 28, 4}));
    EXPECT_GT(explained.tensors["dynamic_weights"].abs().sum().item<double>(), 0.0);

    // The grid pointing game straight from a model file and the Fashion-MNIST test split (the pretrained network:
    // one epoch of B-cosification is still near chance level, so it has too few correct classes for grids).
    run = bcos(dir, "evaluate gridpg --model " + (dir / "pretrain" / "model.safetensors").string() + " --data idx:"
                        + kFashionMnist + " --limit 200 --grid 2 --threshold 0 --max-grids 2 --method ixg --out "
                        + (dir / "gridpg.safetensors").string());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    const auto scores = core::readSafetensors(dir / "gridpg.safetensors");
    ASSERT_EQ(scores.tensors["scores"].dim(), 2);
    EXPECT_EQ(scores.tensors["scores"].size(1), 4);
    EXPECT_TRUE(((scores.tensors["scores"] >= 0) & (scores.tensors["scores"] <= 1)).all().item<bool>());
    EXPECT_NE(run.out.find("localisation score: mean"), std::string::npos) << run.out;
    // stderr is a file here: progress comes as whole lines, never rewritten with '\r'.
    const std::string grids = std::to_string(scores.tensors["scores"].size(0));
    EXPECT_NE(run.err.find("grid " + grids + "/" + grids + "\n"), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find('\r'), std::string::npos) << run.err;
}

TEST(DoctorCli, NamesTheGpuSpeedUpsOfThisBuildAndWhetherTheyAreOn)
{
    test::TempDir dir;
    const std::string off = core::cudaGraphsBuilt()
        ? "CUDA graphs for bcos train --cuda-graphs; for explanations off (BCOS_CUDA_GRAPHS=1 turns them on)"
        : "CUDA graphs need a CUDA LibTorch";
    const std::string on = core::cudaGraphsBuilt()
        ? "CUDA graphs for bcos train --cuda-graphs; for explanations on (BCOS_CUDA_GRAPHS=1)"
        : off;
    const std::string fused = core::fusedCudaKernelsBuilt() ? "fused B-cos kernels built, on"
                                                            : "fused B-cos kernels not built (configure with BCOS_WITH_CUDA=ON)";
    auto run = test::runCli(std::string("env -u BCOS_CUDA_GRAPHS -u BCOS_FUSED_KERNELS ") + test::cliPath(), "doctor",
                            dir.path());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("\nGPU speed-ups: " + fused + "; " + off + "\n"), std::string::npos) << run.out;
    run = test::runCli(std::string("env BCOS_CUDA_GRAPHS=1 BCOS_FUSED_KERNELS=0 ") + test::cliPath(), "doctor",
                       dir.path());
    ASSERT_EQ(run.status, 0) << run.err;
    const std::string fusedOff = core::fusedCudaKernelsBuilt() ? "fused B-cos kernels built, off (BCOS_FUSED_KERNELS=0)"
                                                               : fused;
    EXPECT_NE(run.out.find("\nGPU speed-ups: " + fusedOff + "; " + on + "\n"), std::string::npos) << run.out;
}

TEST_F(TrainCli, AccuracyOfARunsModelOnTheTestSplit)
{
    test::TempDir dir;
    // (--cuda-graphs on the CPU: said once, then the steps run as without it.)
    auto run = bcos(dir, "train --mode scratch --arch simplecnn:8,8 --cuda-graphs --device cpu " +
                             trainArguments(dir, "scratch"));
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("\nCUDA graphs need a CUDA device; the steps run one by one\n"), std::string::npos) << run.out;
    run = bcos(dir, "evaluate accuracy --model " + (dir / "scratch" / "model.safetensors").string() + " --data idx:"
                        + kFashionMnist + " --limit 50 --batch-size 16");
    ASSERT_EQ(run.status, 0) << run.out << run.err;

    core::Network network = core::loadModel(dir / "scratch" / "model.safetensors");
    const core::IdxDataset test(kFashionMnist, false);
    std::vector<at::Tensor> images;
    std::vector<int64_t> labels;
    for (int64_t i = 0; i < 50; ++i) {
        images.push_back(test.get(i).image);
        labels.push_back(test.get(i).label);
    }
    torch::NoGradGuard noGrad;
    const at::Tensor logits = network->forward(network->encode(torch::stack(images)));
    const at::Tensor target = torch::tensor(labels, torch::kLong);
    const double top1 = logits.argmax(1).eq(target).sum().item<double>() / 50;
    const double top5 = std::get<1>(logits.topk(5, 1)).eq(target.view({-1, 1})).any(1).sum().item<double>() / 50;
    EXPECT_EQ(run.out, fmt::format("images: 50\ntop-1 accuracy: {:.4f}\ntop-5 accuracy: {:.4f}\n", top1, top5));

    run = bcos(dir, "evaluate accuracy --model " + (dir / "scratch" / "model.safetensors").string()
                        + " --data mnist:/nowhere");
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "bcos evaluate: --data expects idx:DIR, cifar:DIR or a folder of class folders, got "
                       "'mnist:/nowhere'\n");
}

TEST_F(TrainCli, ClearErrorsForImpossibleRequests)
{
    test::TempDir dir;
    auto run = bcos(dir, "train --mode bcosify --arch resnet18 " + trainArguments(dir, "a"));
    EXPECT_EQ(run.status, 2);
    EXPECT_NE(run.err.find("--mode bcosify needs --weights"), std::string::npos) << run.err;

    run = bcos(dir, "train --mode bcosify --arch simplecnn " + trainArguments(dir, "b"));
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("--arch simplecnn cannot be B-cosified; use --mode scratch"), std::string::npos) << run.err;

    // A B-cos model file is not a standard network to B-cosify.
    run = bcos(dir, "train --mode scratch --arch simplecnn:8 " + trainArguments(dir, "scratch"));
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(core::loadModel(dir / "scratch" / "model.safetensors")->description().bcos.enabled);
    run = bcos(dir, "train --mode bcosify --weights " + (dir / "scratch" / "model.safetensors").string() + " "
                        + trainArguments(dir, "c"));
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find("already a B-cos network; --mode bcosify needs a standard one"), std::string::npos)
        << run.err;

    // clip-distill: an architecture file that is not JSON, and no --arch at all.
    std::ofstream(dir / "clip.json") << "{\"family\": ";
    run = bcos(dir, "train --mode clip-distill --arch " + (dir / "clip.json").string() + " --weights w.pt "
                        + trainArguments(dir, "d"));
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err.rfind("bcos train: " + (dir / "clip.json").string() + ": not valid JSON (", 0), 0u) << run.err;
    run = bcos(dir, "train --mode clip-distill --weights w.pt " + trainArguments(dir, "e"));
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, "bcos train: --mode clip-distill needs --arch (RN50 or a clip_resnet JSON file)\n");
}

/// clip-distill from the command line: the golden CLIP ResNet (as an OpenAI state dict) distilled on a
/// Fashion-MNIST subset, then the run's model file used by bcos localize.
TEST_F(TrainCli, ClipDistillWritesAModelFileThatLocalizes)
{
    test::TempDir dir;
    const test::GoldenCase golden("clip");
    core::TensorMap weights;
    for (const auto &item : golden.standardStateDict())
        weights.insert("visual." + item.key(), item.value());
    core::writeSafetensors(dir / "clip.safetensors", weights);
    std::ofstream(dir / "clip.json") << golden.json().at("arch").dump();
    core::TensorMap image, text;
    image.insert("image", golden.tensor("input.image"));
    text.insert("text_embedding", golden.tensor("input.text_embedding"));
    core::writeSafetensors(dir / "image.safetensors", image);
    core::writeSafetensors(dir / "text.safetensors", text);

    const std::string common = "train --mode clip-distill --arch " + (dir / "clip.json").string() + " --weights "
                               + (dir / "clip.safetensors").string() + " --data idx:" + kFashionMnist
                               + " --epochs 1 --train-limit 64 --val-limit 16 --batch-size 16 --workers 0 --no-augment"
                                 " --lr 1e-3 --out " + (dir / "run").string();
    // Any side but the encoder's input_resolution (JSON arch.input_resolution) is refused.
    const int64_t side = golden.json().at("arch").at("input_resolution").get<int64_t>();
    const int64_t wrong = side / 2;
    auto run = bcos(dir, common + " --image-size " + std::to_string(wrong));
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.err, fmt::format("bcos train: --image-size {} differs from the CLIP encoder's input_resolution {}\n",
                                   wrong, side));

    run = bcos(dir, common);
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("val cosine"), std::string::npos) << run.out;
    run = bcos(dir, "localize --model " + (dir / "run" / "model.safetensors").string() + " --input "
                        + (dir / "image.safetensors").string() + " --text-embedding "
                        + (dir / "text.safetensors").string() + " --cosine-power 2 --out "
                        + (dir / "maps.safetensors").string());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    const auto maps = core::readSafetensors(dir / "maps.safetensors");
    EXPECT_TRUE(torch::isfinite(maps.tensors["cosines"]).all().item<bool>());

    run = bcos(dir, "train --mode clip-distill --arch RN101 --weights " + (dir / "clip.safetensors").string()
                        + " --data idx:" + kFashionMnist + " --epochs 1 --out " + (dir / "x").string());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos train: unknown CLIP ResNet preset 'RN101' (expected RN50)\n");
}

} // namespace
} // namespace bcos
