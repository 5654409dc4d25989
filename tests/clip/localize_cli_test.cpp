// End-to-end test of `bcos localize` on the golden CLIP case.
#include <fmt/format.h>
#include <torch/torch.h>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/models/bcosifyclip.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/clipimage.h"
#include "core/models/cliptext.h"
#include "core/models/loadweights.h"
#include "core/models/modeldescription.h"
#include "core/text/cliptokenizer.h"
#include "core/text/prompttemplates.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <ATen/Context.h>
#include <gtest/gtest.h>
#include <torch/cuda.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace bcos {
namespace {

/// `b`: the golden conversion's B (JSON bcosify.B).
core::Metadata modelMetadata(const nlohmann::json &arch, double b)
{
    core::ModelDescription description;
    description.architecture = arch;
    description.architecture["family"] = "clip_resnet";
    description.bcos.enabled = true;
    description.bcos.b = b;
    description.preprocessing = core::Preprocessing::clip();
    core::Metadata metadata;
    metadata.set("bcos.model", description.toJson().dump());
    return metadata;
}

class LocalizeCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        golden = std::make_unique<test::GoldenCase>("clip");
        const auto arch = golden->json().at("arch");
        const double b = golden->json().at("bcosify").at("B").get<double>();
        core::BcosSettings bcos;
        bcos.enabled = true;
        bcos.b = b;
        core::TensorMap converted;
        for (const auto &item : core::bcosifyClipWeights(core::ClipResNetOptions::fromJson(arch),
                                                         golden->standardStateDict(), bcos))
            converted.insert("model." + item.key(), item.value());
        core::writeSafetensors(dir / "bcos.safetensors", converted, modelMetadata(arch, b));
        core::TensorMap standard; // OpenAI layout: the conversion happens on load
        for (const auto &item : golden->standardStateDict())
            standard.insert("visual." + item.key(), item.value());
        core::writeSafetensors(dir / "openai.safetensors", standard, modelMetadata(arch, b));
        core::TensorMap input;
        input.insert("image", golden->tensor("input.image"));
        core::writeSafetensors(dir / "image.safetensors", input);
        core::TensorMap text;
        text.insert("text_embedding", golden->tensor("input.text_embedding"));
        core::writeSafetensors(dir / "text.safetensors", text);
    }

    int run(const std::string &model, const std::string &powers, const std::string &out,
            const std::vector<std::string> &more = {})
    {
        std::vector<std::string> arguments{"--model", (dir / model).string(), "--input",
                                           (dir / "image.safetensors").string(), "--text-embedding",
                                           (dir / "text.safetensors").string(), "--cosine-power", powers,
                                           "--out", (dir / out).string(), "--chunk", "2"};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return cli::runLocalize(arguments);
    }

    /// The golden cosine powers (JSON localisation.powers), each written as the CLI names its tensors and the
    /// golden file its expected.p<P> tensors ("2" for 2, "2.5" for 2.5).
    std::vector<std::string> goldenPowers() const
    {
        std::vector<std::string> written;
        for (const double p : golden->json().at("localisation").at("powers").get<std::vector<double>>())
            written.push_back(fmt::format("{}", p));
        return written;
    }

    /// A power the golden set lacks (its largest plus 0.5, so not an integer where the golden powers are).
    std::string extraPower() const
    {
        const auto powers = golden->json().at("localisation").at("powers").get<std::vector<double>>();
        return fmt::format("{}", *std::max_element(powers.begin(), powers.end()) + 0.5);
    }

    /// `powers` joined by commas, as --cosine-power takes them.
    static std::string joined(const std::vector<std::string> &powers)
    {
        std::string list;
        for (const auto &p : powers)
            list += (list.empty() ? "" : ",") + p;
        return list;
    }

    std::unique_ptr<test::GoldenCase> golden;
    test::TempDir dir;
};

TEST_F(LocalizeCli, WritesGoldenMapsForEachPower)
{
    const std::vector<std::string> powers = goldenPowers();
    ASSERT_FALSE(powers.empty());
    const std::string extra = extraPower(); // not in the golden set: only its shape is checked
    std::vector<std::string> all = powers;
    all.push_back(extra);
    const at::Tensor image = golden->tensor("input.image"); // [N, 3, H, W]
    for (const std::string model : {"bcos.safetensors", "openai.safetensors"}) {
        ::testing::internal::CaptureStderr();
        const int status = run(model, joined(all), "out.safetensors");
        const std::string err = ::testing::internal::GetCapturedStderr();
        ASSERT_EQ(status, 0) << err;
        const auto out = core::readSafetensors(dir / "out.safetensors");
        // Progress on stderr (a log here), pass by pass; the last line says every image is done.
        const int64_t images = out.tensors["cosines"].size(0);
        EXPECT_NE(err.find(fmt::format("images {0}/{0} (100 %)\n", images)), std::string::npos) << err;
        EXPECT_EQ(out.metadata.value("cosine_powers"), joined(all));
        EXPECT_TRUE(test::allCloseGolden(out.tensors["cosines"], golden->tensor("expected.cosines"), 1e-4, 1e-5)) << model;
        for (const std::string &p : powers) {
            EXPECT_TRUE(test::allCloseGolden(out.tensors["dynamic_weights_p" + p], golden->tensor("expected.p" + p + ".W"),
                                             1e-3, 5e-5))
                << model << " p=" << p;
            EXPECT_TRUE(test::allCloseGolden(out.tensors["contributions_p" + p],
                                             golden->tensor("expected.p" + p + ".contribution_map"), 1e-3, 5e-5))
                << model << " p=" << p;
            EXPECT_TRUE(test::allCloseRgba(out.tensors["rgba_p" + p], golden->tensor("expected.p" + p + ".rgba_smooth0"),
                                           golden->tensor("expected.p" + p + ".W"), 1e-3, 5e-5, 5e-4))
                << model << " p=" << p;
        }
        EXPECT_EQ(out.tensors["rgba_p" + extra].sizes(),
                  (std::vector<int64_t>{image.size(0), image.size(2), image.size(3), 4}));
    }
}

// --device names where the encoder's passes run; the file is the same (on the CPU bit for bit, on a GPU within the
// golden README's GPU tolerances), and a device this machine lacks is named in the error.
TEST_F(LocalizeCli, RunsTheEncoderOnTheNamedDevice)
{
    const std::vector<std::string> powers = goldenPowers();
    ASSERT_FALSE(powers.empty());
    std::vector<std::string> all = powers;
    all.push_back(extraPower()); // not in the golden set
    ASSERT_EQ(run("bcos.safetensors", joined(all), "default.safetensors"), 0);
    ASSERT_EQ(run("bcos.safetensors", joined(all), "cpu.safetensors", {"--device", "cpu"}), 0);
    const auto byDefault = core::readSafetensors(dir / "default.safetensors");
    const auto onCpu = core::readSafetensors(dir / "cpu.safetensors");
    ASSERT_EQ(onCpu.tensors.size(), byDefault.tensors.size());
    for (const auto &item : byDefault.tensors)
        EXPECT_TRUE(torch::equal(onCpu.tensors[item.key()], item.value())) << item.key();
    try {
        run("bcos.safetensors", "1", "x.safetensors", {"--device", "gpu"});
        ADD_FAILURE() << "expected a usage error";
    } catch (const cli::UsageError &error) {
        EXPECT_EQ(error.message, "option --device expects cpu, cuda, cuda:N or auto, got 'gpu'");
    }
    if (!torch::cuda::is_available()) {
        EXPECT_EQ(test::errorOf([&] { run("bcos.safetensors", "1", "x.safetensors", {"--device", "cuda"}); }),
                  "device 'cuda' requested but no CUDA device is available");
        EXPECT_FALSE(std::filesystem::exists(dir / "x.safetensors"));
        return;
    }
    at::globalContext().setAllowTF32CuBLAS(false); // the golden README: TF32 off, 10x the CPU tolerances
    at::globalContext().setAllowTF32CuDNN(false);
    ASSERT_EQ(run("bcos.safetensors", joined(all), "gpu.safetensors", {"--device", "cuda"}), 0);
    const auto onGpu = core::readSafetensors(dir / "gpu.safetensors");
    EXPECT_TRUE(test::allCloseGolden(onGpu.tensors["cosines"], golden->tensor("expected.cosines"), 1e-3, 1e-4));
    for (const std::string &p : powers)
        EXPECT_TRUE(test::allCloseGolden(onGpu.tensors["dynamic_weights_p" + p], golden->tensor("expected.p" + p + ".W"),
                                         1e-2, 5e-4))
            << "p=" << p;
}

// The golden CLIP case has no text tower: a random one is added to the model file and the CLI's prompt
// embedding must equal the direct computation (tokenizer + text tower + normalisation, template averaging).
TEST_F(LocalizeCli, TextPromptsUseTheModelFilesTextTower)
{
    const auto arch = golden->json().at("arch");
    core::ClipTextOptions options;
    options.width = 16;
    options.heads = 2;
    options.layers = 2;
    options.embedDim = arch.at("output_dim").get<int64_t>();
    torch::manual_seed(7);
    core::ClipTextTransformer tower(options);
    tower->eval();
    auto contents = core::readSafetensors(dir / "bcos.safetensors");
    for (const auto &item : core::stateDict(*tower))
        contents.tensors.insert("text." + item.key(), item.value());
    // 2 heads of width 8 cannot be inferred from the shapes (CLIP's rule is width / 64): the description says so.
    auto description = nlohmann::json::parse(contents.metadata.value("bcos.model"));
    description["architecture"]["text"] = options.toJson();
    contents.metadata.set("bcos.model", description.dump());
    core::writeSafetensors(dir / "withtext.safetensors", contents.tensors, contents.metadata);

    const std::string vocab = (test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz").string();
    const core::ClipTokenizer tokenizer(vocab);
    const auto unit = [](const at::Tensor &x, int64_t dim) {
        return x / x.norm(2, {dim}, /*keepdim=*/true);
    };
    const auto localize = [&](const std::string &templates, const std::string &out) {
        return cli::runLocalize({"--model", (dir / "withtext.safetensors").string(), "--input",
                                 (dir / "image.safetensors").string(), "--text", "a golden retriever", "--vocab", vocab,
                                 "--templates", templates, "--cosine-power", "1", "--out", (dir / out).string()});
    };
    torch::NoGradGuard noGrad;
    ASSERT_EQ(localize("none", "none.safetensors"), 0);
    const at::Tensor single = unit(tower->forward(tokenizer.tokenize({"a golden retriever"}).tokens), 1)[0];
    const auto none = core::readSafetensors(dir / "none.safetensors");
    EXPECT_TRUE(torch::allclose(none.tensors["text_embedding"], single, 1e-5, 1e-6));
    EXPECT_EQ(none.metadata.value("text"), "a golden retriever");

    ASSERT_EQ(localize("imagenet", "imagenet.safetensors"), 0);
    const auto prompts = core::PromptTemplates().fill("a golden retriever");
    ASSERT_EQ(prompts.size(), 80u);
    const at::Tensor averaged = unit(unit(tower->forward(tokenizer.tokenize(prompts).tokens), 1).mean(0), 0);
    const auto imagenet = core::readSafetensors(dir / "imagenet.safetensors");
    EXPECT_TRUE(torch::allclose(imagenet.tensors["text_embedding"], averaged, 1e-5, 1e-6));
    EXPECT_FALSE(torch::allclose(averaged, single, 1e-3, 1e-3));

    // The same maps as giving that embedding directly.
    core::TensorMap text;
    text.insert("text_embedding", averaged);
    core::writeSafetensors(dir / "averaged.safetensors", text);
    ASSERT_EQ(cli::runLocalize({"--model", (dir / "bcos.safetensors").string(), "--input",
                                (dir / "image.safetensors").string(), "--text-embedding",
                                (dir / "averaged.safetensors").string(), "--cosine-power", "1", "--out",
                                (dir / "direct.safetensors").string()}),
              0);
    const auto direct = core::readSafetensors(dir / "direct.safetensors");
    // The golden README's tolerances for cosines and per-power W.
    EXPECT_TRUE(test::allCloseGolden(imagenet.tensors["cosines"], direct.tensors["cosines"], 1e-4, 1e-5));
    EXPECT_TRUE(test::allCloseGolden(imagenet.tensors["dynamic_weights_p1"], direct.tensors["dynamic_weights_p1"], 1e-3, 5e-5));

    try { // the golden file has no text tower
        cli::runLocalize({"--model", (dir / "bcos.safetensors").string(), "--input", (dir / "image.safetensors").string(),
                          "--text", "a dog", "--vocab", vocab, "--cosine-power", "1", "--out",
                          (dir / "x.safetensors").string()});
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()),
                  (dir / "bcos.safetensors").string()
                      + ": the model file has no CLIP text tower (tensors 'text.token_embedding.weight', "
                        "'text.positional_embedding', 'text.text_projection', ...); use --text-embedding instead of "
                        "--text");
    }
}

TEST_F(LocalizeCli, ReportsBadArguments)
{
    const auto usage = [&](const std::string &powers) {
        try {
            run("bcos.safetensors", powers, "x.safetensors");
        } catch (const cli::UsageError &error) {
            return error.message;
        }
        return std::string("no error");
    };
    EXPECT_EQ(usage("1,-2"), "--cosine-power expects numbers >= 0 separated by commas, got '-2'");
    EXPECT_EQ(usage("1,,2"), "--cosine-power expects numbers >= 0 separated by commas, got ''");
    EXPECT_EQ(usage("abc"), "--cosine-power expects numbers >= 0 separated by commas, got 'abc'");
    core::writeSafetensors(dir / "plain.safetensors", golden->standardStateDict());
    try {
        run("plain.safetensors", "1", "x.safetensors");
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(std::string(error.what()),
                  (dir / "plain.safetensors").string() + ": no 'bcos.model' metadata (not a B-cos Studio model file)");
    }
}

} // namespace
} // namespace bcos
