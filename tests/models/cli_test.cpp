// bcos convert / predict / explain end to end on the golden resnet_basic case.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/io/safetensors.h"
#include "tests/models/goldenmodels.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

namespace bcos {
namespace {

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
    ASSERT_EQ(cli::runConvert({"--arch", path("arch.json"), "--weights", path("weights.safetensors"), "--out",
                               path("model.safetensors")}),
              0);
    ASSERT_EQ(cli::runExplain({"--model", path("model.safetensors"), "--input", path("images.safetensors"), "--out",
                               path("explained.safetensors"), "--method", "wxx"}),
              0);
    const auto out = core::readSafetensors(path("explained.safetensors"));
    EXPECT_EQ(out.metadata.value("method"), "wxx");
    EXPECT_TRUE(torch::equal(out.tensors["targets"], m_golden.tensor("expected.explain.class")));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["dynamic_weights"], m_golden.tensor("expected.explain.W"), 1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseGolden(out.tensors["contributions"], m_golden.tensor("expected.explain.contribution_map"),
                                     1e-3, 5e-5));
    EXPECT_TRUE(test::allCloseAbs(out.tensors["rgba"], m_golden.tensor("expected.explain.rgba_smooth15"), 5e-4));

    ASSERT_EQ(cli::runPredict({"--model", path("model.safetensors"), "--input", path("images.safetensors"), "--out",
                               path("pred.safetensors")}),
              0);
    const auto predicted = core::readSafetensors(path("pred.safetensors"));
    EXPECT_TRUE(test::allCloseGolden(predicted.tensors["logits"], m_golden.tensor("expected.bcosified.logits"), 1e-4,
                                     1e-5));
    EXPECT_TRUE(torch::equal(predicted.tensors["predictions"], m_golden.tensor("expected.explain.class")));

    EXPECT_EQ(usageErrorOf(&cli::runExplain, {"--model", path("model.safetensors"), "--input",
                                              path("images.safetensors"), "--out", path("e.safetensors"), "--target",
                                              "cat"}),
              "--target expects 'pred' or a class index, got 'cat'");
}

TEST_F(CliTest, PredictWithStandardWeights)
{
    ASSERT_EQ(cli::runPredict({"--arch", path("arch.json"), "--weights", path("weights.safetensors"), "--input",
                               path("images.safetensors"), "--out", path("pred.safetensors")}),
              0);
    const auto predicted = core::readSafetensors(path("pred.safetensors"));
    EXPECT_TRUE(test::allCloseGolden(predicted.tensors["logits"], m_golden.tensor("expected.standard.logits"), 1e-4,
                                     1e-5));
}

TEST_F(CliTest, UsageErrors)
{
    EXPECT_EQ(usageErrorOf(&cli::runPredict, {"--input", path("images.safetensors"), "--out", path("p.safetensors")}),
              "give either --model MODEL or --arch ARCH --weights FILE");
    EXPECT_EQ(usageErrorOf(&cli::runExplain, {"--model", "m", "--input", "i", "--out", "o", "--method", "lime"}),
              "unknown --method 'lime' (available: wxx)");
    EXPECT_EQ(usageErrorOf(&cli::runConvert, {"--arch", "resnet18", "--out", "o"}), "missing required option --weights");
}

} // namespace
} // namespace bcos
