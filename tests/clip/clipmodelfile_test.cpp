// CLIP model files (core/models/clipmodelfile.h): loading our files and OpenAI-layout weights, the text tower,
// prompt encoding, and the error messages.
#include <torch/torch.h>

#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/io/safetensors.h"
#include "core/models/clipmodelfile.h"
#include "core/models/loadweights.h"
#include "core/text/cliptokenizer.h"
#include "core/text/prompttemplates.h"
#include "tests/support/errorof.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"
#include "tests/support/tensorcompare.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

using test::errorOf;

/// `b`: the B of the conversion (the golden JSON's bcosify.B wherever golden cosines are compared).
core::ModelDescription clipDescription(const nlohmann::json &arch, double b, bool bcos = true)
{
    core::ModelDescription description;
    description.architecture = arch;
    description.architecture["family"] = "clip_resnet";
    description.bcos.enabled = bcos;
    description.bcos.b = b;
    description.preprocessing = core::Preprocessing::clip();
    return description;
}

core::Metadata metadataOf(const core::ModelDescription &description)
{
    core::Metadata metadata;
    metadata.set("bcos.model", description.toJson().dump());
    return metadata;
}

/// A random CLIP text tower whose embedding width fits the golden encoder.
core::ClipTextTransformer randomTower(int64_t embedDim, int64_t width, int64_t heads)
{
    core::ClipTextOptions options;
    options.width = width;
    options.heads = heads;
    options.layers = 2;
    options.embedDim = embedDim;
    torch::manual_seed(11);
    core::ClipTextTransformer tower(options);
    tower->eval();
    return tower;
}

class ClipModelFile : public ::testing::Test {
protected:
    void SetUp() override
    {
        golden = std::make_unique<test::GoldenCase>("clip");
        arch = golden->json().at("arch");
        goldenB = golden->json().at("bcosify").at("B").get<double>();
    }

    /// Golden cosines of image `i` through `model`'s image encoder.
    void expectGoldenCosines(core::ClipModel &model, const std::string &what)
    {
        const at::Tensor image6 = golden->tensor("input.image6");
        for (int64_t i = 0; i < image6.size(0); ++i) {
            const auto localization =
                core::ClipLocalization::compute(*model.image, image6[i], golden->tensor("input.text_embedding"));
            EXPECT_TRUE(test::allCloseGolden(localization.cosines(), golden->tensor("expected.cosines")[i], 1e-4, 1e-5))
                << what << " image " << i;
        }
    }

    std::unique_ptr<test::GoldenCase> golden;
    nlohmann::json arch;
    double goldenB = 0; ///< the golden conversion's B (JSON bcosify.B)
    test::TempDir dir;
};

TEST_F(ClipModelFile, StandardWeightsAreBcosifiedOnLoadAndMatchTheGoldenCosines)
{
    core::TensorMap standard;
    for (const auto &item : golden->standardStateDict())
        standard.insert("visual." + item.key(), item.value());
    standard.insert("logit_scale", torch::tensor(4.6f)); // OpenAI's scalars are ignored
    core::writeSafetensors(dir / "openai.safetensors", standard, metadataOf(clipDescription(arch, goldenB)));
    EXPECT_TRUE(core::isClipModelFile(dir / "openai.safetensors"));
    core::ClipModel model = core::loadClipModel(dir / "openai.safetensors");
    EXPECT_TRUE(model.convertedOnLoad);
    EXPECT_FALSE(model.hasText());
    EXPECT_TRUE(model.image->isBcos());
    expectGoldenCosines(model, "openai layout");

    // Saved as our file: B-cos weights now, loaded without conversion, the same encoder.
    core::saveClipModel(dir / "ours.safetensors", model);
    const auto saved = core::readSafetensors(dir / "ours.safetensors");
    EXPECT_EQ(saved.metadata.value("format"), "bcos-model-v1");
    EXPECT_TRUE(saved.tensors.contains("model.attnpool.c_proj.linear.weight"));
    core::ClipModel reloaded = core::loadClipModel(dir / "ours.safetensors");
    EXPECT_FALSE(reloaded.convertedOnLoad);
    expectGoldenCosines(reloaded, "our file");
}

TEST_F(ClipModelFile, Float16FilesLoadAsFloat32)
{
    // The demo CLIP is stored as F16 (resources/demo/train_demo_clip.py half) to halve its size.
    const int64_t dim = arch.at("output_dim").get<int64_t>();
    core::ClipModel model = core::buildClipModel(clipDescription(arch, goldenB), golden->standardStateDict(), "golden");
    model.text = randomTower(dim, 16, 2);
    core::saveClipModel(dir / "float.safetensors", model);
    const auto full = core::readSafetensors(dir / "float.safetensors");
    core::TensorMap halved;
    for (const auto &item : full.tensors)
        halved.insert(item.key(), item.value().is_floating_point() ? item.value().to(torch::kHalf) : item.value());
    core::writeSafetensors(dir / "half.safetensors", halved, full.metadata);
    ASSERT_EQ(core::readSafetensors(dir / "half.safetensors").tensors["text.token_embedding.weight"].scalar_type(),
              torch::kHalf);

    core::ClipModel loaded = core::loadClipModel(dir / "half.safetensors");
    ASSERT_TRUE(loaded.hasText());
    for (const auto &item : core::stateDict(*loaded.image))
        if (halved["model." + item.key()].is_floating_point()) // not num_batches_tracked (int64)
            EXPECT_EQ(item.value().scalar_type(), torch::kFloat) << item.key();
    for (const auto &item : core::stateDict(*loaded.text)) {
        EXPECT_EQ(item.value().scalar_type(), torch::kFloat) << item.key();
        EXPECT_TRUE(torch::equal(item.value(), halved["text." + item.key()].to(torch::kFloat))) << item.key();
    }
    const at::Tensor image6 = golden->tensor("input.image6")[0];
    const at::Tensor text = golden->tensor("input.text_embedding");
    const auto expected = core::ClipLocalization::compute(*model.image, image6, text).cosines();
    const auto got = core::ClipLocalization::compute(*loaded.image, image6, text).cosines();
    EXPECT_TRUE(test::allCloseAbs(got, expected, 1e-2)) << "float16 weights keep the cosines to about 3 digits";
}

TEST_F(ClipModelFile, TextTowerRoundTripsAndEncodesPrompts)
{
    const int64_t dim = arch.at("output_dim").get<int64_t>();
    core::ClipModel model = core::buildClipModel(clipDescription(arch, goldenB), golden->standardStateDict(), "golden");
    model.text = randomTower(dim, 16, 2);
    core::saveClipModel(dir / "withtext.safetensors", model);
    core::ClipModel loaded = core::loadClipModel(dir / "withtext.safetensors");
    ASSERT_TRUE(loaded.hasText());
    EXPECT_EQ(loaded.text->options().heads, 2); // from architecture "text": 16 / 64 would give 1
    EXPECT_EQ(loaded.description.architecture.at("text").at("transformer_width"), 16);
    const auto original = core::stateDict(*model.text);
    const auto restored = core::stateDict(*loaded.text);
    ASSERT_EQ(original.size(), restored.size());
    for (const auto &item : original)
        EXPECT_TRUE(torch::equal(item.value(), restored[item.key()])) << item.key();

    const core::ClipTokenizer tokenizer(test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz");
    const auto unit = [](const at::Tensor &x, int64_t d) { return x / x.norm(2, {d}, /*keepdim=*/true); };
    torch::NoGradGuard noGrad;
    const at::Tensor single = core::encodePrompt(*loaded.text, tokenizer, "a red_panda");
    EXPECT_EQ(single.sizes(), (std::vector<int64_t>{dim}));
    EXPECT_NEAR(single.norm().item<double>(), 1.0, 1e-6);
    EXPECT_TRUE(torch::allclose(single, unit(model.text->forward(tokenizer.tokenize({"a red_panda"}).tokens), 1)[0],
                                1e-5, 1e-6));
    const std::vector<std::string> templates{"a photo of a {}.", "a sketch of the {}."};
    const at::Tensor averaged = core::encodePrompt(*loaded.text, tokenizer, "red_panda", templates);
    const at::Tensor rows = unit(model.text->forward(
        tokenizer.tokenize({"a photo of a red panda.", "a sketch of the red panda."}).tokens), 1);
    EXPECT_TRUE(torch::allclose(averaged, unit(rows.mean(0), 0), 1e-5, 1e-6));
    const at::Tensor imagenet = core::encodePrompt(*loaded.text, tokenizer, "red panda", core::imagenetPromptTemplates());
    EXPECT_FALSE(torch::allclose(imagenet, averaged, 1e-3, 1e-3));
    EXPECT_EQ(errorOf([&] { core::encodePrompt(*loaded.text, tokenizer, "x", {"no placeholder"}); }),
              "prompt template 1: 'no placeholder' must contain the placeholder {} exactly once");
}

// OpenAI's full state dict: text keys at the top level, shapes give the tower (heads = width / 64).
TEST_F(ClipModelFile, OpenAiTopLevelTextTowerIsInferredFromShapes)
{
    const int64_t dim = arch.at("output_dim").get<int64_t>();
    auto tower = randomTower(dim, 64, 1);
    core::TensorMap weights;
    for (const auto &item : golden->standardStateDict())
        weights.insert("visual." + item.key(), item.value());
    for (const auto &item : core::stateDict(*tower))
        weights.insert(item.key(), item.value());
    for (const char *scalar : {"logit_scale", "input_resolution", "context_length", "vocab_size"})
        weights.insert(scalar, torch::tensor(1.0f));
    core::ClipModel model = core::buildClipModel(clipDescription(arch, goldenB), weights, "openai.pt");
    ASSERT_TRUE(model.hasText());
    EXPECT_EQ(model.text->options().width, 64);
    EXPECT_EQ(model.text->options().heads, 1);
    EXPECT_EQ(model.text->options().layers, 2);
    EXPECT_EQ(model.text->options().embedDim, dim);
    EXPECT_EQ(model.description.architecture.at("text").at("transformer_layers"), 2);
    const auto tokens = torch::tensor({{int64_t(49406), int64_t(320), int64_t(49407)}});
    torch::NoGradGuard noGrad;
    const at::Tensor padded = torch::cat({tokens, torch::zeros({1, 74}, torch::kLong)}, 1);
    EXPECT_TRUE(torch::equal(model.text->forward(padded), tower->forward(padded)));
}

// CLIP's build_model rule; heads (width * 32 / 64, not the golden model's arch.heads) do not change the unpooled
// tokens.
TEST_F(ClipModelFile, ArchitectureIsInferredFromOpenAiWeights)
{
    core::TensorMap visual;
    for (const auto &item : golden->standardStateDict())
        visual.insert("visual." + item.key(), item.value());
    for (const auto &weights : {golden->standardStateDict(), visual}) {
        const nlohmann::json inferred = core::inferClipArchitecture(weights, "openai.pt");
        EXPECT_EQ(inferred.at("family"), "clip_resnet");
        EXPECT_EQ(inferred.at("layers"), arch.at("layers"));
        EXPECT_EQ(inferred.at("width"), arch.at("width"));
        EXPECT_EQ(inferred.at("output_dim"), arch.at("output_dim"));
        EXPECT_EQ(inferred.at("input_resolution"), arch.at("input_resolution"));
        EXPECT_EQ(inferred.at("heads"), arch.at("width").get<int64_t>() * 32 / 64);
    }
    core::ClipModel model =
        core::buildClipModel(clipDescription(core::inferClipArchitecture(visual, "openai.pt"), goldenB), visual,
                             "openai.pt");
    expectGoldenCosines(model, "inferred architecture");
    core::TensorMap noPool = golden->standardStateDict();
    noPool.erase("attnpool.positional_embedding");
    EXPECT_EQ(errorOf([&] { core::inferClipArchitecture(noPool, "resnet.pth"); }),
              "resnet.pth: not CLIP ModifiedResNet weights (no 'attnpool.positional_embedding')");
}

TEST_F(ClipModelFile, ErrorsNameTheFileAndWhatIsWrong)
{
    const std::string plain = (dir / "plain.safetensors").string();
    core::writeSafetensors(plain, golden->standardStateDict());
    EXPECT_FALSE(core::isClipModelFile(plain));
    EXPECT_FALSE(core::isClipModelFile(dir / "missing.safetensors"));
    EXPECT_EQ(errorOf([&] { core::loadClipModel(plain); }),
              plain + ": no 'bcos.model' metadata (not a B-cos Studio model file)");

    const std::string resnet = (dir / "resnet.safetensors").string();
    core::ModelDescription description;
    description.architecture = {{"family", "resnet"}, {"block", "basic"}, {"layers", {1, 1, 1, 1}}, {"num_classes", 3}};
    core::writeSafetensors(resnet, golden->standardStateDict(), metadataOf(description));
    EXPECT_FALSE(core::isClipModelFile(resnet));
    EXPECT_EQ(errorOf([&] { core::loadClipModel(resnet); }),
              resnet + ": not a CLIP model (architecture family 'resnet', expected clip_resnet)");

    const std::string standard = (dir / "standard.safetensors").string();
    core::writeSafetensors(standard, golden->standardStateDict(), metadataOf(clipDescription(arch, goldenB, false)));
    EXPECT_TRUE(core::isClipModelFile(standard));
    EXPECT_EQ(errorOf([&] { core::loadClipModel(standard); }),
              standard + ": text localisation needs a B-cosified CLIP model");

    core::ClipModel noText =
        core::buildClipModel(clipDescription(arch, goldenB), golden->standardStateDict(), "golden");
    EXPECT_EQ(errorOf([&] { noText.requireText("clip.safetensors"); }),
              "clip.safetensors: the model file has no CLIP text tower (tensors 'text.token_embedding.weight', "
              "'text.positional_embedding', 'text.text_projection', ...)");

    core::TensorMap broken = golden->standardStateDict();
    broken.erase("layer1.0.conv1.weight");
    EXPECT_EQ(errorOf([&] { core::buildClipModel(clipDescription(arch, goldenB), broken, "broken.pt"); }),
              "broken.pt: standard weights: missing 'layer1.0.conv1.weight' (needed for the B-cos weight "
              "'layer1.0.conv1.linear.weight')");
}

} // namespace
} // namespace bcos
