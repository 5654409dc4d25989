// Runs `bcos evaluate <metric>` end to end on a tiny B-cos model: the last line, the per-image file, batching,
// errors and Ctrl-C.
#include "core/data/augment.h"
#include "core/data/idxdataset.h"
#include "core/eval/gridpg.h"
#include "core/eval/metrics/statistics.h"
#include "core/explain/explainer.h"
#include "core/io/safetensors.h"
#include "core/models/modelfile.h"
#include "tests/support/buildpaths.h"
#include "tests/support/clirun.h"
#include "tests/support/externaldata.h"
#include "tests/support/linearscore.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <tuple>
#include <sys/wait.h>

namespace bcos {
namespace {

/// A temp dir with DIR/model.safetensors (tiny B-cos model, 8 x 8 inputs) and DIR/images.safetensors (n images).
struct Fixture {
    test::TempDir dir;
    std::string model, images;
    explicit Fixture(int64_t n = 6)
        : model(test::writeTinyModel(dir / "model.safetensors").string())
        , images((dir / "images.safetensors").string())
    {
        core::TensorMap tensors;
        tensors.insert("images", test::seededImages(n, 8, 8, 1));
        tensors.insert("labels", torch::arange(n, torch::kLong).remainder(10));
        core::writeSafetensors(images, tensors);
    }
    std::string out(const std::string &name) const { return (dir / name).string(); }
    test::CliRun run(const std::string &arguments) const
    {
        return test::runCli(test::cliPath(), "evaluate " + arguments + " --model " + model, dir.path());
    }
};

/// The last line of `text` (without its newline).
std::string lastLine(const std::string &text)
{
    const auto end = text.find_last_not_of('\n');
    const auto begin = text.rfind('\n', end);
    return text.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

TEST(EvaluateMetricCli, LastLineSummarisesThePerImageValuesItWrote)
{
    const Fixture fixture;
    const auto run = fixture.run("deletion --images " + fixture.images + " --method random --steps 8 --out "
                                 + fixture.out("r.safetensors"));
    ASSERT_EQ(run.status, 0) << run.err;
    const auto result = core::readSafetensors(fixture.out("r.safetensors"));
    const at::Tensor values = result.tensors["values"];
    ASSERT_EQ(values.sizes(), (std::vector<int64_t>{6}));
    EXPECT_EQ(values.scalar_type(), torch::kDouble);
    EXPECT_EQ(result.tensors["curves"].sizes(), (std::vector<int64_t>{6, 9}));
    EXPECT_EQ(result.tensors["curve_x"].sizes(), (std::vector<int64_t>{9}));
    EXPECT_TRUE(torch::equal(result.tensors["labels"], torch::arange(6, torch::kLong)));
    EXPECT_EQ(result.tensors["targets"].sizes(), (std::vector<int64_t>{6}));
    // The line is computed from the written values: the mean and the seeded bootstrap interval (seed 0).
    const auto interval = core::bootstrapMeanInterval(values, 0.95, 2000, 0);
    EXPECT_EQ(lastLine(run.out), fmt::format("deletion random: mean {:.4f} (95 % interval {:.4f}..{:.4f}, 6 images)",
                                             interval.mean, interval.lower, interval.upper));
    EXPECT_NE(run.out.find("wrote " + fixture.out("r.safetensors")), std::string::npos);
    EXPECT_EQ(result.metadata.value("metric"), "deletion");
    EXPECT_EQ(result.metadata.value("method"), "random");
    EXPECT_EQ(result.metadata.value("format"), "bcos-metric-v1");
    EXPECT_EQ(result.metadata.value("options"), R"({"baseline":"zeros","batch_size":64,"patch":1,"score":"probability","steps":8})");
    EXPECT_EQ(result.metadata.value("higher_is_better"), "false");
    EXPECT_NE(run.err.find("images 6/6"), std::string::npos) << run.err; // progress on stderr
}

TEST(EvaluateMetricCli, WithoutAnOutputFileItPrintsTheSameSummaryAndWritesNothing)
{
    const Fixture fixture;
    const std::string arguments = "deletion --images " + fixture.images + " --method random --steps 8";
    const auto files = [&] { // the directory's .safetensors files
        std::set<std::string> names;
        for (const auto &entry : std::filesystem::directory_iterator(fixture.dir.path()))
            if (entry.path().extension() == ".safetensors")
                names.insert(entry.path().filename().string());
        return names;
    };
    const auto printed = fixture.run(arguments);
    ASSERT_EQ(printed.status, 0) << printed.err;
    EXPECT_EQ(files(), (std::set<std::string>{"images.safetensors", "model.safetensors"}));
    EXPECT_EQ(printed.out.find("wrote "), std::string::npos) << printed.out;
    const auto written = fixture.run(arguments + " --out " + fixture.out("r.safetensors"));
    ASSERT_EQ(written.status, 0) << written.err;
    EXPECT_EQ(lastLine(printed.out), lastLine(written.out)); // seeded: the same maps, values and interval
}

TEST(EvaluateMetricCli, BatchSizeDoesNotChangeTheValues)
{
    const Fixture fixture(7);
    for (const char *metric : {"complexity", "sparseness"}) {
        const auto small = fixture.run(std::string(metric) + " --images " + fixture.images + " --method random --batch-size 2 --out "
                                       + fixture.out("a.safetensors"));
        const auto large = fixture.run(std::string(metric) + " --images " + fixture.images + " --method random --out "
                                       + fixture.out("b.safetensors"));
        ASSERT_EQ(small.status, 0) << small.err;
        ASSERT_EQ(large.status, 0) << large.err;
        // Random maps are drawn image after image and these metrics need no model call: identical values.
        EXPECT_TRUE(torch::equal(core::readSafetensors(fixture.out("a.safetensors")).tensors["values"],
                                 core::readSafetensors(fixture.out("b.safetensors")).tensors["values"]));
        EXPECT_EQ(lastLine(small.out), lastLine(large.out));
    }
}

TEST(EvaluateMetricCli, EveryMetricRunsWithWxx)
{
    const Fixture fixture;
    core::TensorMap boxes;
    boxes.insert("boxes", torch::tensor({2, 2, 6, 6}, torch::kLong).repeat({6, 1}));
    core::writeSafetensors(fixture.out("boxes.safetensors"), boxes);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"deletion", "--steps 4 --patch 2"},       {"insertion", "--baseline mean"},
        {"road-morf", "--percentiles 20,60"},      {"road-lerf", "--noise 0"},
        {"epg", "--regions foreground"},           {"epg", "--regions " + fixture.out("boxes.safetensors")},
        {"average-drop", "--target label"},        {"confidence-increase", "--score probability"},
        {"sparseness", ""},                        {"complexity", ""},
        {"randomisation", "--stages 2"}};
    for (const auto &[metric, options] : cases) {
        const auto run = fixture.run(metric + " --images " + fixture.images + " --method wxx " + options + " --out "
                                     + fixture.out("r.safetensors"));
        ASSERT_EQ(run.status, 0) << metric << " " << options << ": " << run.err;
        EXPECT_EQ(lastLine(run.out).rfind(metric + " wxx: mean ", 0), 0u) << run.out;
        EXPECT_NE(lastLine(run.out).find(", 6 images)"), std::string::npos) << run.out;
    }
}

TEST(EvaluateMetricCli, ClearErrors)
{
    const Fixture fixture;
    const std::string common = " --images " + fixture.images + " --out " + fixture.out("r.safetensors");
    const std::vector<std::tuple<std::string, int, std::string>> cases{
        {"deletion --method magic", 2,
         "--method: unknown attribution method 'magic' (expected one of: wxx, gradcam, ixg, intgrad, guided, "
         "occlusion, rise, random)"},
        {"epg", 2, "epg needs --regions R.safetensors (with 'masks' or 'boxes') or --regions foreground"},
        {"insertion --baseline grey", 2, "--baseline: unknown perturbation baseline 'grey' (expected zeros, blur or mean)"},
        {"road-morf --percentiles 10,,20", 2, "--percentiles expects numbers separated by commas, got '10,,20'"},
        {"road-morf --percentiles 10,100", 2, "--percentiles must lie in (0, 100), got 100"},
        {"road-morf --percentiles 10,nan", 2, "--percentiles must lie in (0, 100), got nan"},
        {"deletion --patch 0", 2, "--patch must be a positive number, got 0"},
        {"randomisation --stages -1", 2, "--stages must be 0 or a positive number, got -1"},
        {"road-lerf --noise inf", 2, "option --noise expects a finite number, got 'inf'"},
        {"complexity --seed -1", 2, "--seed must be 0 or a positive number, got -1"},
        {"complexity --target truth", 2, "--target expects pred or label, got 'truth'"},
        {"complexity --score odds", 2, "--score expects probability or logit, got 'odds'"},
    };
    for (const auto &[arguments, status, message] : cases) {
        const auto run = fixture.run(arguments + common);
        EXPECT_EQ(run.status, status) << arguments;
        EXPECT_EQ(run.err, "bcos evaluate: " + message + "\n");
    }
    test::CliRun run;
    core::TensorMap masks;
    masks.insert("masks", torch::ones({6, 4, 4}));
    core::writeSafetensors(fixture.out("masks.safetensors"), masks);
    run = fixture.run("epg --regions " + fixture.out("masks.safetensors") + common);
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos evaluate: " + fixture.out("masks.safetensors")
                           + ": 'masks' must be [N >= 6, 8, 8] (the model's input size), got [6, 4, 4]\n");
    core::TensorMap boxes;
    boxes.insert("boxes", torch::tensor({3, 2, 3, 6}, torch::kLong).repeat({6, 1}));
    core::writeSafetensors(fixture.out("boxes.safetensors"), boxes);
    run = fixture.run("epg --regions " + fixture.out("boxes.safetensors") + common);
    EXPECT_EQ(run.err, "bcos evaluate: energy pointing game, image 0: the box x [3, 3) y [2, 6) is empty\n");
}

TEST(EvaluateMetricCli, AllZeroMapsFailOrAreLeftOut)
{
    // GradCAM of the standard demo model is a ReLU map; test image 48 of Fashion-MNIST has no positive evidence in
    // the last feature maps, so its map is all zero.
    const Fixture fixture;
    const std::string common = "complexity --model " + test::sourceDir()
                               + "/resources/demo/fashion-mnist-densenet.safetensors"
                                 " --data idx:/usr/share/datasets/fashion-mnist --limit 64 --method gradcam --out "
        + fixture.out("r.safetensors");
    auto run = test::runCli(test::cliPath(), "evaluate " + common, fixture.dir.path());
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "bcos evaluate: images 0..63: complexity: attribution map 48 is all zero (its normalised "
                       "attribution is 0 / 0)\n");
    run = test::runCli(test::cliPath(), "evaluate " + common + " --skip-zero-maps", fixture.dir.path());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("left out 1 of 64 images: their gradcam map is all zero\n"), std::string::npos) << run.out;
    EXPECT_NE(lastLine(run.out).find(", 63 images)"), std::string::npos) << run.out;
    const auto result = core::readSafetensors(fixture.out("r.safetensors"));
    at::Tensor expected = torch::zeros({64}, torch::kBool);
    expected[48] = true;
    EXPECT_TRUE(torch::equal(result.tensors["skipped"], expected));
    EXPECT_TRUE(torch::equal(result.tensors["values"].isnan(), expected));
    EXPECT_EQ(result.metadata.value("skipped"), "1");
}

TEST(EvaluateMetricCli, GridPgFromAModelDecodesOnlyTheChosenImages)
{
    // gridpg --data scores every test image once to choose its grids, then explains only the images the grids use
    // (prepared again on their own): the scores are the pointing game's on the whole prepared split with the
    // grids written to the file (their indices into the split).
    const std::filesystem::path fashion = test::fashionMnistDir();
    if (fashion.empty())
        GTEST_SKIP() << test::kNeedsFashionMnist;
    const test::TempDir dir;
    const std::string model = test::sourceDir() + "/resources/demo/fashion-mnist-densenet-bcos.safetensors";
    const auto run = test::runCli(test::cliPath(),
                                  "evaluate gridpg --model " + model + " --data idx:" + fashion.string()
                                      + " --limit 60 --grid 2 --max-grids 3 --batch-size 16 --method ixg --out "
                                      + (dir / "g.safetensors").string(),
                                  dir.path());
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.err.find("images 60/60\n"), std::string::npos) << run.err;
    const auto result = core::readSafetensors(dir / "g.safetensors");
    const at::Tensor grids = result.tensors["grids"];
    ASSERT_EQ(grids.size(0), 3) << run.out;

    core::Network network = core::loadModel(model);
    network->eval();
    const core::IdxDataset test(fashion, false);
    const core::Preprocessing &p = network->description().preprocessing;
    core::AugmentOptions prepare;
    prepare.size = p.inputSize;
    prepare.train = false;
    prepare.evalResizeRatio = double(p.resizeSize) / double(p.inputSize);
    std::vector<at::Tensor> images;
    std::vector<int64_t> labels;
    for (int64_t i = 0; i < 60; ++i) {
        images.push_back(core::augmentImage(test.get(i).image, prepare, 0));
        labels.push_back(test.get(i).label);
    }
    std::vector<std::vector<int64_t>> chosen;
    for (int64_t g = 0; g < grids.size(0); ++g)
        chosen.push_back({grids[g][0].item<int64_t>(), grids[g][1].item<int64_t>(), grids[g][2].item<int64_t>(),
                          grids[g][3].item<int64_t>()});
    core::ExplainRequest settings;
    settings.batchSize = 16;
    const auto expected = core::evaluateGridPointingGame(
        torch::stack(images), torch::tensor(labels, torch::kLong), chosen, 2,
        core::methodExplainer(*network, core::ExplainMethod::InputXGradient, settings));
    // Another process and thread count: the same explanations up to float32 rounding of the sums over the grid
    // image's pixels (scores are shares in [0, 1]).
    const double pixels = double(2 * p.inputSize * 2 * p.inputSize);
    EXPECT_LE((result.tensors["scores"] - expected.scores).abs().max().item<double>(),
              pixels * std::numeric_limits<float>::epsilon())
        << result.tensors["scores"] << expected.scores;
}

TEST(EvaluateMetricCli, GridPgWithoutGridsSaysHowManyClassesQualify)
{
    const Fixture fixture;
    const auto run = fixture.run("gridpg --images " + fixture.images + " --grid 2 --threshold 0.999 --out "
                                 + fixture.out("g.safetensors"));
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, "images 6/6\nbcos evaluate: no 2x2 grid: grids are drawn while more than 4 classes have images "
                       "left (as the reference's selection), and 0 classes have confidently and correctly classified "
                       "images (sigmoid of the top logit above --threshold 0.999)\n");
    EXPECT_FALSE(std::filesystem::exists(fixture.out("g.safetensors")));
}

TEST(EvaluateMetricCli, HelpExplainsTheInterval)
{
    const Fixture fixture;
    const auto run = test::runCli(test::cliPath(), "evaluate --help", fixture.dir.path());
    EXPECT_EQ(run.status, 0);
    EXPECT_NE(run.out.find("The interval is a percentile bootstrap of"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("road-morf"), std::string::npos);
}

TEST(EvaluateMetricCli, CtrlCStopsAtTheNextBatchWithStatus130)
{
    // 400 images x 2001 deletion steps (800 000 model calls) take far longer than the signal needs: it is sent once
    // progress shows (the handler is installed by then) and the run stops at its next batch.
    const Fixture fixture(400);
    const std::string err = fixture.out("err.txt");
    const std::string script = fixture.out("interrupt.sh");
    std::ofstream(script) << "\"" << test::cliPath() << "\" evaluate deletion --steps 2000 --model " << fixture.model
                          << " --images " << fixture.images << " --method random --batch-size 16 --out " << fixture.out("r.safetensors")
                          << " > /dev/null 2> " << err << " &\n"
                          << "pid=$!\n"
                          << "while ! grep -q 'images' " << err << " 2> /dev/null; do sleep 0.05; done\n"
                          << "kill -INT $pid\n"
                          << "wait $pid\n"
                          << "exit $?\n";
    const int status = std::system(("sh " + script).c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    const std::string text = test::readTextFile(err);
    EXPECT_NE(text.find("bcos evaluate: deletion cancelled after "), std::string::npos) << text;
    EXPECT_NE(text.find(" of 400 images\n"), std::string::npos) << text;
}

} // namespace
} // namespace bcos
