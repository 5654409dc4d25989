// CLIP text prompts in the studio: the Text prompts panel, one grid column per prompt, the cosine-power slider
// that only re-weights the precomputed per-location maps, and the reasons shown when prompts cannot run.
#include "qtwait.h"
#include "windowchild.h"
#include "testimages.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/io/safetensors.h"
#include "core/models/loadweights.h"
#include "core/models/clipimage.h"
#include "core/models/clipmodelfile.h"
#include "core/models/family.h"
#include "core/models/modelfile.h"
#include "core/models/moduledevice.h"
#include "core/text/cliptokenizer.h"
#include "widgets/shell/architecturedialog.h"
#include "widgets/clip/clippromptcontroller.h"
#include "widgets/clip/clippromptpanel.h"
#include "widgets/training/coretrainer.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/jobs/explanationjobs.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/session/modelloading.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/jobs/tensorimage.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <torch/cuda.h>
#include <torch/torch.h>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

QString qpath(const std::filesystem::path &path)
{
    return QString::fromStdString(path.string());
}

/// The golden CLIP case's architecture (JSON arch: input_resolution, output_dim, width, heads, layers).
nlohmann::json goldenClipArch()
{
    return test::GoldenCase("clip").json().at("arch");
}

/// The golden CLIP image encoder (arch.input_resolution px, embedding arch.output_dim), B-cosified with the JSON's
/// bcosify.B, plus a random text tower; saved as our CLIP model file. `withText` false leaves the tower out.
void writeTinyClip(const std::filesystem::path &path, bool withText = true)
{
    const test::GoldenCase golden("clip");
    const nlohmann::json &arch = golden.json().at("arch");
    core::ModelDescription description;
    description.architecture = arch;
    description.architecture["family"] = "clip_resnet";
    description.bcos.enabled = true;
    description.bcos.b = golden.json().at("bcosify").at("B").get<double>();
    description.preprocessing = core::Preprocessing::clip();
    description.preprocessing.inputSize = arch.at("input_resolution").get<int64_t>();
    description.preprocessing.resizeSize = 0;
    core::ClipModel model = core::buildClipModel(description, golden.standardStateDict(), "golden clip");
    if (withText) {
        core::ClipTextOptions options;
        options.width = 16;
        options.heads = 2;
        options.layers = 2;
        options.embedDim = arch.at("output_dim").get<int64_t>();
        torch::manual_seed(5);
        model.text = core::ClipTextTransformer(options);
        model.text->eval();
    }
    core::saveClipModel(path, model);
}

/// A small standard ResNet classifier (not CLIP), saved as our model file.
void writeResNetClassifier(const std::filesystem::path &path)
{
    core::ModelDescription description;
    description.architecture = core::canonicalArchitecture(
        {{"family", "resnet"}, {"block", "basic"}, {"layers", {1, 1, 1, 1}}, {"num_classes", 3}}, "test");
    description.preprocessing.inputSize = 32;
    core::Network network = core::buildNetwork(description);
    core::saveModel(path, *network);
}

/// The largest per-channel difference of two images of the same size.
int maxDifference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return 256;
    int worst = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            worst = std::max({worst, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                              std::abs(qBlue(p) - qBlue(q))});
        }
    return worst;
}

class ClipPromptTest : public ::testing::Test {
protected:
    ClipPromptController &prompts() { return window.session().clipPrompts(); }
    ClipPromptPanel &panel() { return test::child<ClipPromptPanel>(window); }
    std::string vocab() const { return (test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz").string(); }

    int column(const QString &id) { return window.session().gridModel().columnOf(id); }
    bool waitIdle(int msecs = 60000)
    {
        return test::waitUntil([this] {
            return window.session().runner().activeCount() == 0 && window.session().explanations().isIdle() && prompts().isIdle();
        }, msecs);
    }
    void openModel(const std::filesystem::path &path)
    {
        const auto before = window.session().document().bcosModel();
        window.openModel(qpath(path));
        ASSERT_TRUE(test::waitUntil([&] { return window.session().document().model() && window.session().document().bcosModel() != before; }));
        ASSERT_TRUE(waitIdle());
    }
    void addImage()
    {
        // Wider than high, the height the encoder's side: the reader only crops it (as 80 x 64 at 64 px).
        test::writeTestPng(qpath(dir / "pattern.png"), resolution * 5 / 4, resolution);
        window.openPaths({qpath(dir / "pattern.png")});
        ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 1; }));
        ASSERT_TRUE(waitIdle());
    }
    void addPromptInPanel(const QString &prompt)
    {
        panel().promptEdit()->setText(prompt);
        panel().addButton()->click();
    }

    /// The same computation done directly with the core: the precompute of image 0 for `prompt`.
    core::ClipLocalization direct(const std::string &prompt, const std::vector<std::string> &templates = {})
    {
        core::ClipModel model = core::loadClipModel(dir / "clip.safetensors");
        const core::ClipTokenizer tokenizer(vocab());
        const at::Tensor text = core::encodePrompt(*model.text, tokenizer, prompt, templates);
        const Document &document = window.session().document();
        const at::Tensor image = tensorFromImages({document.inputReader().read(document.image(0).path)})[0];
        return core::ClipLocalization::compute(*model.image, torch::cat({image, 1 - image}, 0), text);
    }

    /// The displayed cell and map of image 0 x prompt `row` equal the direct mapsForPower(p).
    void expectShows(int row, const core::ClipLocalization &localization, double p)
    {
        const QString path = window.session().document().image(0).path;
        ASSERT_DOUBLE_EQ(prompts().renderedPower(path, row), p);
        const core::LocalizationMaps maps = localization.mapsForPower(p);
        const at::Tensor shown = prompts().renderedRgba(path, row);
        ASSERT_TRUE(shown.defined());
        EXPECT_TRUE(torch::isfinite(shown).all().item<bool>());
        EXPECT_TRUE(torch::allclose(shown, maps.rgba, 1e-4, 1e-5)) << "p = " << p;
        const QString id = QStringLiteral("clip:") + prompts().prompts().at(row);
        const QImage cell = window.session().gridModel().cellImage(0, column(id));
        ASSERT_FALSE(cell.isNull());
        EXPECT_EQ(cell.size(), QSize(resolution, resolution));
        EXPECT_LE(maxDifference(cell, renderLocalization(maps)), 1) << "p = " << p;
    }

    /// The golden encoder's input side (JSON arch.input_resolution): the size of every prepared image and cell.
    const int resolution = int(goldenClipArch().at("input_resolution").get<int64_t>());
    test::TempDir dir;
    MainWindow window{StudioServices{loadModelWithCore, trainWithCore, {}}};
};

TEST_F(ClipPromptTest, SliderReweightsTheMapsWithoutAnotherNetworkPass)
{
    writeTinyClip(dir / "clip.safetensors");
    EXPECT_FALSE(needsArchitecture((dir / "clip.safetensors").string())); // our CLIP file: no dialog
    openModel(dir / "clip.safetensors");
    ASSERT_TRUE(window.session().document().hasClipModel());
    EXPECT_TRUE(window.session().document().model()->clip->hasText());
    EXPECT_TRUE(panel().editors()->isEnabled());
    EXPECT_FALSE(window.session().gridModel().column(column(QStringLiteral("wxx"))).available); // no classes to explain
    prompts().setVocabPath(QString::fromStdString(vocab()));
    addImage();
    const Document &document = window.session().document();
    EXPECT_EQ(document.inputReader().read(document.image(0).path).size(), QSize(resolution, resolution));

    addPromptInPanel(QStringLiteral("a colourful pattern"));
    const int c = column(QStringLiteral("clip:a colourful pattern"));
    ASSERT_GE(c, 0);
    EXPECT_EQ(window.session().gridModel().column(c).title, QStringLiteral("CLIP: a colourful pattern"));
    EXPECT_TRUE(window.session().gridModel().column(c).available) << window.session().gridModel().column(c).requirement.toStdString();
    ASSERT_TRUE(waitIdle());
    ASSERT_FALSE(window.session().gridModel().cellImage(0, c).isNull());
    EXPECT_EQ(prompts().precomputeCount(), 1);
    EXPECT_EQ(panel().statusLabel()->text(), QStringLiteral("Ready: 1 prompt(s)."));

    const core::ClipLocalization localization = direct("a colourful pattern");
    expectShows(0, localization, 1.0);
    const QImage atOne = window.session().gridModel().cellImage(0, c);

    // The slider: 2.5 re-weights the stored maps; the network does not run again.
    panel().powerSlider()->setValue(25);
    EXPECT_DOUBLE_EQ(prompts().cosinePower(), 2.5);
    EXPECT_DOUBLE_EQ(panel().powerBox()->value(), 2.5);
    ASSERT_TRUE(waitIdle());
    expectShows(0, localization, 2.5);
    EXPECT_GT(maxDifference(window.session().gridModel().cellImage(0, c), atOne), 1); // the displayed map changed
    EXPECT_EQ(prompts().precomputeCount(), 1);
    const int renders = prompts().renderCount();
    EXPECT_GE(renders, 1);

    // Dragging: many steps without waiting; the last one is shown.
    for (int value : {30, 41, 52, 63, 55})
        panel().powerSlider()->setValue(value);
    ASSERT_TRUE(waitIdle());
    expectShows(0, localization, 5.5);
    EXPECT_EQ(prompts().precomputeCount(), 1);

    // The spin box drives the same power (0 = the best-matching location only).
    panel().powerBox()->setValue(0.0);
    EXPECT_EQ(panel().powerSlider()->value(), 0);
    ASSERT_TRUE(waitIdle());
    expectShows(0, localization, 0.0);
    EXPECT_EQ(prompts().precomputeCount(), 1);

    // A second prompt precomputes only itself; templates are part of the key and recompute both.
    addPromptInPanel(QStringLiteral("a dog"));
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().precomputeCount(), 2);
    expectShows(1, direct("a dog"), 0.0);
    prompts().setTemplatesText(QStringLiteral("a photo of a {}.\n# comment\na sketch of the {}.\n"));
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().precomputeCount(), 4);
    expectShows(1, direct("a dog", {"a photo of a {}.", "a sketch of the {}."}), 0.0);

    // Removing the first prompt keeps the second one's maps (no recompute).
    panel().promptList()->setCurrentIndex(prompts().promptModel()->index(0));
    panel().removeButton()->click();
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().prompts(), QStringList{QStringLiteral("a dog")});
    EXPECT_EQ(column(QStringLiteral("clip:a colourful pattern")), -1);
    EXPECT_EQ(prompts().precomputeCount(), 4);
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(ClipPromptTest, CancelledPrecomputeStaysCancelledUntilSomethingChanges)
{
    writeTinyClip(dir / "clip.safetensors");
    openModel(dir / "clip.safetensors");
    prompts().setVocabPath(QString::fromStdString(vocab()));
    addImage();
    {
        // Holding the model's lock parks the precompute before its first image; cancel it meanwhile.
        std::unique_lock lock(*window.session().document().bcosModel()->mutex);
        addPromptInPanel(QStringLiteral("stripes"));
        ASSERT_TRUE(test::waitUntil([this] { return window.session().runner().activeCount() > 0; }));
        window.session().runner().cancelAll();
    }
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().precomputeCount(), 0);
    EXPECT_TRUE(window.session().gridModel().cellImage(0, column(QStringLiteral("clip:stripes"))).isNull());
    panel().powerSlider()->setValue(30); // re-weighting does not restart it
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().precomputeCount(), 0);
    prompts().setTemplatesText(QStringLiteral("a photo of {}.")); // a change does
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().precomputeCount(), 1);
    EXPECT_FALSE(window.session().gridModel().cellImage(0, column(QStringLiteral("clip:stripes"))).isNull());
}

TEST_F(ClipPromptTest, ProgressMovesPassByPassInsideAnImage)
{
    // One image and one prompt: before, the status bar said 0 % until the whole image was done (seconds for a CLIP
    // RN50 at 224 px on a CPU); now every location's pass reports, and a cancel is heard there.
    writeTinyClip(dir / "clip.safetensors");
    openModel(dir / "clip.safetensors");
    prompts().setVocabPath(QString::fromStdString(vocab()));
    addImage();
    std::vector<double> fractions;
    QObject::connect(&window.session().runner(), &TaskRunner::progressChanged, &window,
                     [&fractions](int, double fraction, const QString &text) {
                         if (text.startsWith(QStringLiteral("CLIP: stripes")))
                             fractions.push_back(fraction);
                     });
    addPromptInPanel(QStringLiteral("stripes"));
    ASSERT_TRUE(waitIdle());
    ASSERT_EQ(prompts().precomputeCount(), 1);
    const int64_t locations = direct("stripes").cosines().size(0);
    // 0 before the image, then one report per location's pass: 1/L, 2/L, ..., 1.
    ASSERT_EQ(int64_t(fractions.size()), locations + 1);
    for (int64_t l = 0; l <= locations; ++l)
        EXPECT_DOUBLE_EQ(fractions[size_t(l)], double(l) / double(locations)) << l;
}

TEST_F(ClipPromptTest, MissingVocabularyAndOtherModelsSayWhy)
{
    EXPECT_FALSE(panel().editors()->isEnabled());
    EXPECT_EQ(panel().statusLabel()->text(), QStringLiteral("Text prompts unavailable: load a B-cos CLIP model "
                                                            "(File > Open Model)"));
    writeTinyClip(dir / "clip.safetensors");
    openModel(dir / "clip.safetensors");
    prompts().setVocabPath(QString());
    addImage();
    addPromptInPanel(QStringLiteral("a cat"));
    ASSERT_TRUE(waitIdle());
    const int c = column(QStringLiteral("clip:a cat"));
    ASSERT_GE(c, 0);
    const QString needsVocab = QStringLiteral("needs CLIP's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz): choose it "
                                              "in the Text prompts panel");
    EXPECT_FALSE(window.session().gridModel().column(c).available);
    EXPECT_EQ(window.session().gridModel().column(c).requirement, needsVocab);
    EXPECT_EQ(window.session().gridModel().headerData(c, Qt::Horizontal, Qt::DisplayRole).toString(),
              QStringLiteral("CLIP: a cat\n(") + needsVocab + QLatin1Char(')'));
    EXPECT_TRUE(window.session().gridModel().cellImage(0, c).isNull());
    EXPECT_TRUE(panel().editors()->isEnabled()); // the user can still choose the file
    EXPECT_EQ(panel().statusLabel()->text(), QStringLiteral("Text prompts unavailable: ") + needsVocab);
    EXPECT_EQ(prompts().precomputeCount(), 0);

    const QString missing = qpath(dir / "nowhere.txt.gz");
    panel().vocabEdit()->setText(missing);
    Q_EMIT panel().vocabEdit()->editingFinished();
    EXPECT_EQ(prompts().vocabPath(), missing);
    EXPECT_EQ(window.session().gridModel().column(c).requirement,
              QStringLiteral("BPE vocabulary %1 not found: choose bpe_simple_vocab_16e6.txt.gz in the Text prompts "
                             "panel").arg(missing));

    test::writeBytes(qpath(dir / "bad.txt"), "#version: 0.2\nt h\n");
    prompts().setVocabPath(qpath(dir / "bad.txt"));
    ASSERT_TRUE(test::waitUntil([&] { return window.session().gridModel().column(c).requirement.startsWith(
                                          QStringLiteral("cannot read the BPE vocabulary: ")); }));
    EXPECT_TRUE(window.session().gridModel().column(c).requirement.contains(qpath(dir / "bad.txt")));
    EXPECT_EQ(prompts().precomputeCount(), 0);

    prompts().setVocabPath(QString::fromStdString(vocab()));
    prompts().setTemplatesText(QStringLiteral("a photo without placeholder"));
    EXPECT_TRUE(window.session().gridModel().column(c).requirement.startsWith(QStringLiteral("invalid templates: prompt template")))
        << window.session().gridModel().column(c).requirement.toStdString();
    prompts().setTemplatesText(QString());
    EXPECT_TRUE(window.session().gridModel().column(c).available);
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(prompts().precomputeCount(), 1);

    writeTinyClip(dir / "notext.safetensors", false);
    openModel(dir / "notext.safetensors");
    EXPECT_FALSE(panel().editors()->isEnabled());
    EXPECT_EQ(panel().statusLabel()->text(),
              QStringLiteral("Text prompts unavailable: the CLIP model file has no text tower to encode prompts"));
    EXPECT_EQ(window.session().gridModel().column(column(QStringLiteral("clip:a cat"))).requirement,
              QStringLiteral("the CLIP model file has no text tower to encode prompts"));

    writeResNetClassifier(dir / "classifier.safetensors");
    window.openModel(qpath(dir / "classifier.safetensors"));
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().standardModel() != nullptr; }));
    ASSERT_TRUE(waitIdle());
    EXPECT_FALSE(window.session().document().hasClipModel());
    EXPECT_FALSE(panel().editors()->isEnabled());
    EXPECT_EQ(panel().statusLabel()->text(), QStringLiteral("Text prompts unavailable: the loaded model is not a CLIP "
                                                            "model; text prompts need a B-cosified CLIP model"));
    EXPECT_EQ(column(QStringLiteral("clip:a cat")), -1); // a classifier's grid has no prompt columns
    EXPECT_EQ(prompts().prompts(), QStringList{QStringLiteral("a cat")}); // kept for the next CLIP model
}

// The studio's compute device (cuda:0 when it has a GPU) is where the CLIP image encoder's passes run, as for
// classifiers; the text tower stays on the CPU. Without a GPU, asking for one is the classifiers' error.
TEST(ClipModelLoading, TheImageEncoderGoesToTheStudiosDevice)
{
    test::TempDir dir;
    const std::string path = (dir / "clip.safetensors").string();
    writeTinyClip(path);
    const LoadedModel onCpu = loadModelWithCore({path, std::nullopt, "cpu"});
    ASSERT_NE(onCpu.clip, nullptr);
    EXPECT_EQ(core::moduleDevice(*onCpu.clip->image), c10::Device(c10::kCPU));
    if (!torch::cuda::is_available()) {
        try {
            loadModelWithCore({path, std::nullopt, "cuda:0"});
            FAIL() << "expected an error";
        } catch (const core::Error &error) {
            EXPECT_STREQ(error.what(), "device 'cuda:0' requested but no CUDA device is available");
        }
        return;
    }
    const LoadedModel onGpu = loadModelWithCore({path, std::nullopt, "cuda:0"});
    EXPECT_EQ(core::moduleDevice(*onGpu.clip->image), c10::Device(c10::kCUDA, 0));
    EXPECT_EQ(core::moduleDevice(*onGpu.clip->text), c10::Device(c10::kCPU));
}

// OpenAI's layout (visual.* and the text tower at the top level, no metadata) with the clip_rn50 choice of the
// architecture dialog: the shapes give the architecture, the image tower is B-cosified on load.
TEST(ClipModelLoading, ForeignOpenAiWeightsNeedTheArchitectureAndLoadAsClip)
{
    const test::GoldenCase golden("clip");
    const nlohmann::json &arch = golden.json().at("arch");
    test::TempDir dir;
    core::TensorMap weights;
    for (const auto &item : golden.standardStateDict())
        weights.insert("visual." + item.key(), item.value());
    core::ClipTextOptions options;
    options.width = 64; // one head of 64: what CLIP's shape rule infers
    options.heads = 1;
    options.layers = 1;
    options.embedDim = arch.at("output_dim").get<int64_t>();
    torch::manual_seed(3);
    core::ClipTextTransformer tower(options);
    for (const auto &item : core::stateDict(*tower))
        weights.insert(item.key(), item.value());
    weights.insert("logit_scale", torch::tensor(4.6f));
    const std::string path = (dir / "openai-clip.safetensors").string();
    core::writeSafetensors(path, weights);
    EXPECT_TRUE(needsArchitecture(path));
    ArchitectureDialog dialog(QString::fromStdString(path));
    dialog.setSpec({}); // ImageNet preprocessing, 1000 classes
    dialog.findChild<QComboBox *>()->setCurrentText(QStringLiteral("clip_rn50"));
    const ArchitectureSpec spec = dialog.spec();
    EXPECT_EQ(spec.preset, "clip_rn50");
    EXPECT_EQ(spec.preprocessing.name, "clip"); // CLIP's normalisation comes with the choice
    EXPECT_FALSE(dialog.findChild<QSpinBox *>()->isEnabled()); // no classes: prompts instead
    const LoadedModel loaded = loadModelWithCore({path, spec});
    ASSERT_NE(loaded.clip, nullptr);
    EXPECT_EQ(loaded.network, nullptr);
    EXPECT_TRUE(loaded.clip->convertedOnLoad);
    ASSERT_TRUE(loaded.clip->hasText());
    EXPECT_EQ(loaded.clip->text->options().width, 64);
    const int64_t side = arch.at("input_resolution").get<int64_t>();
    EXPECT_EQ(loaded.description.architecture.at("input_resolution"), side);
    EXPECT_EQ(loaded.description.preprocessing.inputSize, side);
    EXPECT_TRUE(loaded.description.bcos.enabled);
    // Foreign CLIP weights are B-cosified on load with the paper's B = 2 (core/workflows/modelloader.h); the golden
    // cosines are those of the JSON's bcosify.B, so the loaded weights also run in an encoder of that B.
    EXPECT_EQ(loaded.description.bcos.b, 2.0);
    core::BcosSettings goldenBcos = loaded.description.bcos;
    goldenBcos.b = golden.json().at("bcosify").at("B").get<double>();
    auto encoder = core::buildClipImageEncoder(loaded.description.architecture, goldenBcos);
    core::loadStateDict(*encoder, core::stateDict(*loaded.clip->image), "loaded CLIP image encoder");
    encoder->eval();
    const at::Tensor image6 = golden.tensor("input.image6")[0];
    const at::Tensor text = golden.tensor("input.text_embedding");
    const at::Tensor expected = golden.tensor("expected.cosines")[0];
    EXPECT_TRUE(
        torch::allclose(core::ClipLocalization::compute(*encoder, image6, text).cosines(), expected, 1e-4, 1e-5));
    if (goldenBcos.b == loaded.description.bcos.b) { // the loaded encoder itself gives the golden cosines
        const auto localization = core::ClipLocalization::compute(*loaded.clip->image, image6, text);
        EXPECT_TRUE(torch::allclose(localization.cosines(), expected, 1e-4, 1e-5));
    }
}

} // namespace
} // namespace bcos::widgets
