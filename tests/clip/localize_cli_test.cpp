// End-to-end test of `bcos localize` on the golden CLIP case.
#include <torch/torch.h>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "core/bcosify/bcosifyclip.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/models/clipimage.h"
#include "core/models/modeldescription.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

core::Metadata modelMetadata(const nlohmann::json &arch)
{
    core::ModelDescription description;
    description.architecture = arch;
    description.architecture["family"] = "clip_resnet";
    description.bcos.enabled = true;
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
        core::BcosSettings bcos;
        bcos.enabled = true;
        core::TensorMap converted;
        for (const auto &item : core::bcosifyClipWeights(core::ClipResNetOptions::fromJson(arch),
                                                         golden->standardStateDict(), bcos))
            converted.insert("model." + item.key(), item.value());
        core::writeSafetensors(dir / "bcos.safetensors", converted, modelMetadata(arch));
        core::TensorMap standard; // OpenAI layout: the conversion happens on load
        for (const auto &item : golden->standardStateDict())
            standard.insert("visual." + item.key(), item.value());
        core::writeSafetensors(dir / "openai.safetensors", standard, modelMetadata(arch));
        core::TensorMap input;
        input.insert("image", golden->tensor("input.image"));
        core::writeSafetensors(dir / "image.safetensors", input);
        core::TensorMap text;
        text.insert("text_embedding", golden->tensor("input.text_embedding"));
        core::writeSafetensors(dir / "text.safetensors", text);
    }

    int run(const std::string &model, const std::string &powers, const std::string &out)
    {
        return cli::runLocalize({"--model", (dir / model).string(), "--input", (dir / "image.safetensors").string(),
                                 "--text-embedding", (dir / "text.safetensors").string(), "--cosine-power", powers,
                                 "--out", (dir / out).string(), "--chunk", "2"});
    }

    std::unique_ptr<test::GoldenCase> golden;
    test::TempDir dir;
};

TEST_F(LocalizeCli, WritesGoldenMapsForEachPower)
{
    for (const std::string model : {"bcos.safetensors", "openai.safetensors"}) {
        ASSERT_EQ(run(model, "0,1,2,5,10,2.5", "out.safetensors"), 0);
        const auto out = core::readSafetensors(dir / "out.safetensors");
        EXPECT_EQ(out.metadata.value("cosine_powers"), "0,1,2,5,10,2.5");
        EXPECT_TRUE(test::allCloseGolden(out.tensors["cosines"], golden->tensor("expected.cosines"), 1e-4, 1e-5)) << model;
        for (const std::string p : {"0", "1", "2", "5", "10"}) {
            EXPECT_TRUE(test::allCloseGolden(out.tensors["dynamic_weights_p" + p], golden->tensor("expected.p" + p + ".W"),
                                             1e-3, 5e-5))
                << model << " p=" << p;
            EXPECT_TRUE(test::allCloseGolden(out.tensors["contributions_p" + p],
                                             golden->tensor("expected.p" + p + ".contribution_map"), 1e-3, 5e-5))
                << model << " p=" << p;
            EXPECT_TRUE(test::allCloseAbs(out.tensors["rgba_p" + p], golden->tensor("expected.p" + p + ".rgba_smooth0"), 5e-4))
                << model << " p=" << p;
        }
        EXPECT_EQ(out.tensors["rgba_p2.5"].sizes(), (std::vector<int64_t>{2, 64, 64, 4}));
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
