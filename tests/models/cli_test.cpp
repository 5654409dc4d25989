// bcos convert / predict / explain end to end on the golden resnet_basic case.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/trainconsole.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/family.h"
#include "core/models/modelfile.h"
#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif
#include "tests/models/goldenmodels.h"
#include "tests/support/externaldata.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/cuda.h>
#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <fstream>
#include <sstream>
#include <regex>

namespace bcos {
namespace {

std::string usageErrorOf(const std::function<void()> &read)
{
    try {
        read();
    } catch (const cli::UsageError &error) {
        return error.message;
    }
    return "no error";
}

TEST(CliArgs, NumbersAreFiniteAndIntegersFitTheirRange)
{
    const cli::Args args({"--lr", "nan", "--b", "1e999", "--epochs", "99999999999999999999", "--seed", "-1",
                          "--workers", "300", "--ok", "0.25", "--count", "7"},
                         {"lr", "b", "epochs", "seed", "workers", "ok", "count"}, {});
    EXPECT_EQ(usageErrorOf([&] { args.number("lr", 1.0); }), "option --lr expects a finite number, got 'nan'");
    EXPECT_EQ(usageErrorOf([&] { args.number("b", 2.0); }), "option --b expects a finite number, got '1e999'");
    EXPECT_EQ(usageErrorOf([&] { args.integer("epochs", 1); }),
              "option --epochs expects an integer, got '99999999999999999999' (out of range)");
    EXPECT_EQ(usageErrorOf([&] { cli::seedOption(args, 0); }), "--seed must be 0 or a positive number, got -1");
    EXPECT_EQ(usageErrorOf([&] { cli::workersOption(args, 2); }), "--workers must be from 0 to 256, got 300");
    EXPECT_EQ(usageErrorOf([&] { args.numberAtLeast("ok", 2.0, 1.0); }), "--ok must be at least 1, got 0.25");
    EXPECT_EQ(usageErrorOf([&] { args.integerAtLeast("count", 1, 8); }), "--count must be at least 8, got 7");
    EXPECT_EQ(args.number("ok", 1.0), 0.25);
    EXPECT_EQ(args.integerAtLeast("count", 1, 1), 7);
    EXPECT_EQ(args.integerAtLeast("absent", 5, 1), 5); // the fallback is not checked against the minimum's words
    EXPECT_EQ(cli::smoothOption(args, 15), 15);
}

TEST(TrainConsole, EpochLineShowsTheValidationLossEvenWhenItIsNan)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    core::EpochMetrics m;
    m.epoch = 2;
    m.seconds = 65;
    m.trainLoss = 0.5;
    m.trainTop1 = 0.75;
    m.valLoss = -nan; // the sign bit LibTorch's kernels may set means nothing
    m.valTop1 = 0.5;
    m.valTop5 = 1.0;
    m.valCosine = nan;
    EXPECT_EQ(cli::epochLine(m),
              "epoch 3 done in 0:01:05: train loss 0.5000 acc 75.00%, val loss nan top-1 50.00% top-5 100.00%");
    m.valLoss = m.valTop1 = nan; // no validation set
    EXPECT_EQ(cli::epochLine(m), "epoch 3 done in 0:01:05: train loss 0.5000 acc 75.00%");
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        core::TensorMap weights;
        for (const auto &item : m_golden.standardStateDict())
            weights.insert("module." + item.key(), item.value()); // a DataParallel checkpoint
        core::writeSafetensors(m_dir / "weights.safetensors", weights);
        core::TensorMap images;
        images.insert("images", m_golden.tensor("input.image"));
        core::writeSafetensors(m_dir / "images.safetensors", images);
        std::ofstream(m_dir / "arch.json") << m_golden.json().at("arch").dump();
    }
    std::string path(const std::string &name) const { return (m_dir / name).string(); }

    // bcos convert of `weights` with the case's conversion config (B, max-out and logit bias from its JSON).
    std::vector<std::string> convertArgs(const std::string &weights, const std::string &out) const
    {
        std::vector<std::string> args{"--arch", path("arch.json"), "--weights", path(weights), "--out", path(out)};
        const auto options = test::goldenConvertOptions(m_golden);
        args.insert(args.end(), options.begin(), options.end());
        return args;
    }

    test::GoldenCase m_golden{"resnet_basic"};
    test::TempDir m_dir;
};

std::string usageErrorOf(int (*command)(const std::vector<std::string> &), const std::vector<std::string> &args)
{
    try {
        command(args);
    } catch (const cli::UsageError &error) {
        return error.message;
    }
    return "no usage error";
}

TEST_F(CliTest, ConvertThenExplainMatchesGolden)
{
    ASSERT_EQ(cli::runConvert(convertArgs("weights.safetensors", "model.safetensors")), 0);
    ASSERT_EQ(cli::runExplain({"--model", path("model.safetensors"), "--input", path("images.safetensors"), "--out",
                               path("explained.safetensors"), "--method", "wxx"}),
              0);
    const auto out = core::readSafetensors(path("explained.safetensors"));
    EXPECT_EQ(out.metadata.value("method"), "wxx");
    EXPECT_TRUE(torch::equal(out.tensors["targets"], m_golden.tensor("expected.explain.class")));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["dynamic_weights"], m_golden.tensor("expected.explain.W"), 1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["contributions"], m_golden.tensor("expected.explain.contribution_map"),
                                     1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseRgba(out.tensors["rgba"], m_golden.tensor("expected.explain.rgba_smooth15"),
                                   m_golden.tensor("expected.explain.W"), 1e-3, 5e-5, 5e-4));

    ASSERT_EQ(cli::runPredict({"--model", path("model.safetensors"), "--input", path("images.safetensors"), "--out",
                               path("pred.safetensors")}),
              0);
    const auto predicted = core::readSafetensors(path("pred.safetensors"));
    EXPECT_TRUE(test::allCloseGolden(predicted.tensors["logits"], m_golden.tensor("expected.bcosified.logits"), 1e-4,
                                     1e-5));
    EXPECT_TRUE(torch::equal(predicted.tensors["predictions"], m_golden.tensor("expected.explain.class")));
    // One image per pass: the same logits (eval-mode networks treat the images of a batch independently). The
    // case's images twice over, so that there are several passes whatever its image count.
    const at::Tensor goldenImages = m_golden.tensor("input.image");
    core::TensorMap twice;
    twice.insert("images", torch::cat({goldenImages, goldenImages}));
    core::writeSafetensors(m_dir / "twice.safetensors", twice);
    ASSERT_EQ(cli::runPredict({"--model", path("model.safetensors"), "--input", path("twice.safetensors"), "--out",
                               path("pred1.safetensors"), "--batch-size", "1", "--device", "cpu"}),
              0);
    const auto single = core::readSafetensors(path("pred1.safetensors"));
    ASSERT_EQ(single.tensors["logits"].size(0), 2 * goldenImages.size(0));
    const at::Tensor goldenLogits = m_golden.tensor("expected.bcosified.logits");
    EXPECT_TRUE(test::allCloseGolden(single.tensors["logits"], torch::cat({goldenLogits, goldenLogits}), 1e-4, 1e-5));
    EXPECT_TRUE(torch::equal(single.tensors["predictions"],
                             torch::cat({predicted.tensors["predictions"], predicted.tensors["predictions"]})));
    const std::vector<std::string> predictArgs{"--model", path("model.safetensors"), "--input",
                                               path("images.safetensors"), "--out", path("p.safetensors")};
    const auto predictWith = [&](const std::vector<std::string> &more) {
        std::vector<std::string> all = predictArgs;
        all.insert(all.end(), more.begin(), more.end());
        return usageErrorOf(&cli::runPredict, all);
    };
    EXPECT_EQ(predictWith({"--batch-size", "0"}), "--batch-size must be a positive number, got 0");
    EXPECT_EQ(predictWith({"--device", "gpu"}), "option --device expects cpu, cuda, cuda:N or auto, got 'gpu'");
    if (!torch::cuda::is_available()) {
        try {
            cli::runPredict({"--model", path("model.safetensors"), "--input", path("images.safetensors"), "--out",
                             path("p.safetensors"), "--device", "cuda"});
            ADD_FAILURE() << "expected an error";
        } catch (const core::Error &error) {
            EXPECT_STREQ(error.what(), "device 'cuda' requested but no CUDA device is available");
        }
        EXPECT_FALSE(std::filesystem::exists(path("p.safetensors")));
    }

    EXPECT_EQ(usageErrorOf(&cli::runExplain, {"--model", path("model.safetensors"), "--input",
                                              path("images.safetensors"), "--out", path("e.safetensors"), "--target",
                                              "cat"}),
              "--target expects 'pred' or a class index, got 'cat'");
}

#ifdef BCOS_HAVE_OPENCV
// Image files are decoded a batch at a time: 5 PNGs in batches of 2 (2 + 2 + 1) give the logits of one batch of 5,
// in the files' order; a tensor file among image files is refused before anything runs.
TEST_F(CliTest, PredictDecodesImageFilesBatchByBatch)
{
    ASSERT_EQ(cli::runConvert(convertArgs("weights.safetensors", "model.safetensors")), 0);
    torch::manual_seed(11);
    std::vector<std::string> arguments{"--model", path("model.safetensors"), "--input"};
    for (int i = 0; i < 5; ++i) {
        const std::string file = path("image" + std::to_string(i) + ".png");
        imaging::writePng(file, torch::rand({3, 40 + 4 * i, 48}));
        arguments.push_back(file);
    }
    const auto predict = [&](const std::string &out, const std::string &batch) {
        std::vector<std::string> all = arguments;
        all.insert(all.end(), {"--out", path(out), "--batch-size", batch});
        return cli::runPredict(all);
    };
    ASSERT_EQ(predict("whole.safetensors", "64"), 0);
    ASSERT_EQ(predict("batches.safetensors", "2"), 0);
    const at::Tensor whole = core::readSafetensors(path("whole.safetensors")).tensors["logits"];
    const at::Tensor batches = core::readSafetensors(path("batches.safetensors")).tensors["logits"];
    ASSERT_EQ(whole.size(0), 5);
    EXPECT_TRUE(test::allCloseGolden(batches, whole, 1e-5, 1e-6));
    EXPECT_FALSE(torch::equal(whole[0], whole[1])); // five different images, not one repeated
    std::vector<std::string> mixed = arguments;
    mixed.insert(mixed.begin() + 4, path("images.safetensors"));
    mixed.insert(mixed.end(), {"--out", path("mixed.safetensors"), "--batch-size", "1"});
    EXPECT_EQ(usageErrorOf(&cli::runPredict, mixed), "give one .safetensors input or image files, not both");
    EXPECT_FALSE(std::filesystem::exists(path("mixed.safetensors")));
}

TEST_F(CliTest, PredictPrintsEachImagesTopClassesWithoutAnOutputFile)
{
    ASSERT_EQ(cli::runConvert(convertArgs("weights.safetensors", "model.safetensors")), 0);
    testing::internal::CaptureStdout();
    const int status = cli::runPredict({"--model", path("model.safetensors"), "--input", path("images.safetensors"),
                                        "--top", "2"});
    const std::string printed = testing::internal::GetCapturedStdout();
    ASSERT_EQ(status, 0);
    const at::Tensor logits = m_golden.tensor("expected.bcosified.logits");
    const auto [probabilities, classes] = logits.softmax(1).topk(2, 1);
    const core::ModelDescription description = core::readModelDescription(path("model.safetensors"));
    // "IN[i]: <class> <p> % (logit <l>); <class> <p> % (logit <l>)", the golden model's best two classes.
    const std::regex entry(R"((.+?) (\d+\.\d) % \(logit (-?\d+\.\d{4})\))");
    std::istringstream lines(printed);
    std::string line;
    int64_t i = 0;
    for (; std::getline(lines, line); ++i) {
        ASSERT_LT(i, logits.size(0)) << printed;
        const std::string name = path("images.safetensors") + "[" + std::to_string(i) + "]: ";
        ASSERT_EQ(line.substr(0, name.size()), name);
        std::istringstream rest(line.substr(name.size()));
        std::string item;
        for (int64_t j = 0; std::getline(rest, item, ';'); ++j) {
            std::smatch match;
            const std::string text = j == 0 ? item : item.substr(1);
            ASSERT_TRUE(std::regex_match(text, match, entry)) << text;
            const int64_t k = classes[i][j].item<int64_t>();
            EXPECT_EQ(match[1].str(), description.className(k));
            // Printed to 0.1 % and 4 decimals; the golden tolerance on top (the logits' 1e-4 relative).
            EXPECT_NEAR(std::stod(match[2].str()), 100 * probabilities[i][j].item<double>(), 0.05 + 0.01);
            const double logit = logits[i][k].item<double>();
            EXPECT_NEAR(std::stod(match[3].str()), logit, 5e-5 + 1e-4 * std::abs(logit) + 1e-5);
            ASSERT_LT(j, 2);
        }
    }
    EXPECT_EQ(i, logits.size(0));
    EXPECT_FALSE(std::filesystem::exists(path("out.safetensors")));
    EXPECT_EQ(usageErrorOf(&cli::runPredict, {"--model", path("model.safetensors"), "--input",
                                              path("images.safetensors"), "--top", "0"}),
              "--top must be a positive number, got 0");
}

TEST_F(CliTest, AResizeSizeOfZeroTakesTheShorterSideToTheInputSize)
{
    // resize_size 0 (CLIP's preprocessing): the shorter side goes to input_size and the centre is cropped, so an
    // 8 x 12 image at input size 8 is its centre 8 x 8 columns, not the whole image squeezed.
    core::ModelDescription description;
    description.architecture = {{"family", "simplecnn"}, {"num_classes", 3}, {"widths", {4}}};
    description.bcos.enabled = true;
    description.preprocessing.inputSize = 8;
    description.preprocessing.resizeSize = 0;
    torch::manual_seed(5);
    core::saveModel(path("zero.safetensors"), *core::buildNetwork(description));
    const at::Tensor image = torch::rand({3, 8, 12});
    imaging::writePng(path("wide.png"), image);
    imaging::writePng(path("centre.png"), image.slice(2, 2, 10));
    for (const char *name : {"wide", "centre"})
        ASSERT_EQ(cli::runPredict({"--model", path("zero.safetensors"), "--input", path(std::string(name) + ".png"),
                                   "--out", path(std::string(name) + ".safetensors")}),
                  0);
    const at::Tensor wide = core::readSafetensors(path("wide.safetensors")).tensors["logits"];
    const at::Tensor centre = core::readSafetensors(path("centre.safetensors")).tensors["logits"];
    EXPECT_TRUE(test::allCloseGolden(wide, centre, 1e-5, 1e-6)) << wide << centre;
}
#endif

TEST_F(CliTest, PredictWithStandardWeights)
{
    ASSERT_EQ(cli::runPredict({"--arch", path("arch.json"), "--weights", path("weights.safetensors"), "--input",
                               path("images.safetensors"), "--out", path("pred.safetensors")}),
              0);
    const auto predicted = core::readSafetensors(path("pred.safetensors"));
    EXPECT_TRUE(test::allCloseGolden(predicted.tensors["logits"], m_golden.tensor("expected.standard.logits"), 1e-4,
                                     1e-5));
}

// Reads weights.safetensors in plain Python (no safetensors package) and writes it with the real torch.save as
// a checkpoint dict {"epoch": 7, "state_dict": OrderedDict} (argv[2]) and as a plain state dict (argv[3]).
constexpr const char *kToPth = R"PY(
import collections, json, struct, sys, torch
data = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + n])
body = data[8 + n:]
state = collections.OrderedDict()
for name, info in header.items():
    if name == "__metadata__":
        continue
    begin, end = info["data_offsets"]
    dtype = {"F32": torch.float32, "I64": torch.int64}[info["dtype"]]
    state[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype).reshape(info["shape"]).clone()
torch.save({"epoch": 7, "state_dict": state}, sys.argv[2])
torch.save(state, sys.argv[3])
)PY";

TEST_F(CliTest, ForeignTorchFilesWork)
{
    if (!test::systemPythonHasTorch())
        GTEST_SKIP() << test::kNeedsPythonTorch << " to write the .pth and .ckpt files";
    std::ofstream(path("to_pth.py")) << kToPth;
    const std::string command = std::string(test::kSystemPython) + " " + path("to_pth.py") + " " + path("weights.safetensors") + " " +
                                path("checkpoint.ckpt") + " " + path("weights.pth");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;

    ASSERT_EQ(cli::runPredict({"--arch", path("arch.json"), "--weights", path("weights.pth"), "--input",
                               path("images.safetensors"), "--out", path("pred.safetensors")}),
              0);
    EXPECT_TRUE(test::allCloseGolden(core::readSafetensors(path("pred.safetensors")).tensors["logits"],
                                     m_golden.tensor("expected.standard.logits"), 1e-4, 1e-5));
    ASSERT_EQ(cli::runConvert(convertArgs("checkpoint.ckpt", "model.safetensors")), 0);
    ASSERT_EQ(cli::runExplain({"--model", path("model.safetensors"), "--input", path("images.safetensors"), "--out",
                               path("explained.safetensors")}),
              0);
    const auto out = core::readSafetensors(path("explained.safetensors"));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["dynamic_weights"], m_golden.tensor("expected.explain.W"), 1e-3, 5e-5));
    ASSERT_EQ(cli::runExplain({"--arch", path("arch.json"), "--weights", path("weights.pth"), "--input",
                               path("images.safetensors"), "--out", path("ixg.safetensors"), "--method", "ixg"}),
              0);
    EXPECT_EQ(core::readSafetensors(path("ixg.safetensors")).tensors["attributions"].size(0),
              m_golden.tensor("input.image").size(0));
}

TEST_F(CliTest, UsageErrors)
{
    EXPECT_EQ(usageErrorOf(&cli::runPredict, {"--input", path("images.safetensors"), "--out", path("p.safetensors")}),
              "give either --model MODEL or --arch ARCH --weights FILE");
    EXPECT_EQ(usageErrorOf(&cli::runExplain, {"--model", "m", "--input", "i", "--out", "o", "--method", "lime"}),
              "--method: unknown explanation method 'lime' (expected one of: wxx, gradcam, ixg, intgrad, guided, "
              "occlusion, rise)");
    EXPECT_EQ(usageErrorOf(&cli::runConvert, {"--arch", "resnet18", "--out", "o"}), "missing required option --weights");
}

} // namespace
} // namespace bcos
