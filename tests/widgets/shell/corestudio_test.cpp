// The studio with the real core plugged in: model files, B-cosify, explanation columns, training, demo.
#include "qtwait.h"
#include "windowchild.h"
#include "testimages.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include "core/io/safetensors.h"
#include "core/models/clipmodelfile.h"
#include "core/models/family.h"
#include "core/models/modelfile.h"
#include "widgets/clip/clippromptcontroller.h"
#include "widgets/browser/imagebrowser.h"
#include "widgets/compare/comparisonview.h"
#include "widgets/training/coretrainer.h"
#include "widgets/session/demodata.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/jobs/explanationjobs.h"
#include "widgets/export/figurelayout.h"
#include "widgets/export/gridexporter.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/appsettings.h"
#include "widgets/shell/bcosifydialog.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/compare/syncedzoomgroup.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/training/trainingchartadapter.h"
#include "widgets/training/runspanel.h"
#include "widgets/training/trainingpanel.h"

#include <QDir>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>
#include <QGraphicsView>
#include <QTest>
#include <QScrollBar>
#include <QHeaderView>
#include <QLineSeries>
#include <QLabel>
#include <QPushButton>

#include <torch/torch.h>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

QString qpath(const std::filesystem::path &path)
{
    return QString::fromStdString(path.string());
}

/// A tiny standard DenseNet for 28 x 28 inputs (10 classes), saved as our model file.
void writeTinyDenseNet(const std::filesystem::path &path)
{
    torch::manual_seed(1);
    core::ModelDescription description;
    description.architecture = core::canonicalArchitecture(
        {{"family", "densenet"}, {"growth_rate", 4}, {"block_config", {1, 1}}, {"num_init_features", 8},
         {"bn_size", 2}, {"num_classes", 10}},
        "test");
    description.preprocessing.inputSize = 28;
    description.preprocessing.resizeSize = 0;
    description.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                              "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    core::Network network = core::buildNetwork(description);
    network->eval();
    core::saveModel(path, *network);
}

/// A pixel that is not black: the map is not empty.
bool hasContent(const QImage &image)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) > 8)
                return true;
    return false;
}

class CoreStudioTest : public ::testing::Test {
protected:
    int column(const QString &id)
    {
        for (int c = 0; c < window.session().gridModel().columnCount(); ++c)
            if (window.session().gridModel().column(c).id == id)
                return c;
        return -1;
    }
    bool waitIdle(int msecs = 60000)
    {
        return test::waitUntil([this] {
            return window.session().runner().activeCount() == 0 && window.session().explanations().isIdle();
        }, msecs);
    }
    void loadModelAndImage()
    {
        writeTinyDenseNet(dir / "tiny.safetensors");
        window.openModel(qpath(dir / "tiny.safetensors"));
        ASSERT_TRUE(test::waitUntil([this] { return window.session().document().hasModel(); }));
        test::writeTestPng(qpath(dir / "photo.png"), 40, 30);
        window.openPaths({qpath(dir / "photo.png")});
        ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 1; }));
        ASSERT_TRUE(waitIdle());
    }

    test::TempDir dir;
    MainWindow window{StudioServices{loadModelWithCore, trainWithCore, {}}};
};

TEST_F(CoreStudioTest, OpeningAModelFileFillsGradCamAndBcosifyFillsTheBcosColumns)
{
    loadModelAndImage();
    const Document &document = window.session().document();
    ASSERT_NE(document.standardModel(), nullptr);
    EXPECT_EQ(document.bcosModel(), nullptr);
    EXPECT_EQ(document.inputReader().read(document.image(0).path).size(), QSize(28, 28)); // cropped for the model
    EXPECT_TRUE(window.session().gridModel().column(column(QStringLiteral("gradcam_standard"))).available);
    EXPECT_FALSE(window.session().gridModel().column(column(QStringLiteral("wxx"))).available);
    const QImage gradcam = window.session().gridModel().cellImage(0, column(QStringLiteral("gradcam_standard")));
    ASSERT_FALSE(gradcam.isNull());
    EXPECT_EQ(gradcam.size(), QSize(28, 28));
    EXPECT_TRUE(window.session().gridModel().cellImage(0, column(QStringLiteral("wxx"))).isNull());
    // The row header shows the top class with its probability.
    EXPECT_FALSE(window.session().gridModel().rowPrediction(0).isEmpty());
    EXPECT_TRUE(window.session().gridModel().rowPrediction(0).contains(QStringLiteral(" %")));

    window.session().document().bcosifyModel(2.0);
    ASSERT_TRUE(test::waitUntil([&document] { return document.bcosModel() != nullptr; }));
    ASSERT_TRUE(waitIdle());
    ASSERT_NE(document.standardModel(), nullptr); // the original is kept for before/after
    EXPECT_TRUE(document.bcosModel()->description.bcos.enabled);
    EXPECT_DOUBLE_EQ(document.bcosModel()->description.bcos.b, 2.0);
    for (const QString &id : {QStringLiteral("wxx"), QStringLiteral("contributions"), QStringLiteral("gradcam"),
                              QStringLiteral("ixg"), QStringLiteral("intgrad"), QStringLiteral("gradcam_standard")}) {
        const int c = column(id);
        ASSERT_GE(c, 0) << id.toStdString();
        EXPECT_TRUE(window.session().gridModel().column(c).available) << id.toStdString();
        const QImage cell = window.session().gridModel().cellImage(0, c);
        ASSERT_FALSE(cell.isNull()) << id.toStdString();
        EXPECT_EQ(cell.size(), QSize(28, 28)) << id.toStdString();
        EXPECT_TRUE(hasContent(cell)) << id.toStdString();
    }
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(CoreStudioTest, CompareShowsTheOriginalAndTheBcosifiedMapsAsTheyArrive)
{
    loadModelAndImage();
    window.compareRow(0);
    ComparisonView *compare = &test::child<ComparisonView>(window);
    ASSERT_EQ(compare->columns(), ComparisonView::defaultColumns());
    EXPECT_EQ(compare->paneTitle(1), QStringLiteral("GradCAM (original)"));
    EXPECT_EQ(compare->paneImage(1), window.session().gridModel().cellImage(0, column(QStringLiteral("gradcam_standard"))));
    EXPECT_FALSE(compare->paneImage(1).isNull());
    EXPECT_EQ(compare->paneNote(3), QStringLiteral("B-cosify the model first"));

    window.session().document().bcosifyModel(2.0); // the panes follow the scheduler's results
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().bcosModel() != nullptr; }));
    ASSERT_TRUE(waitIdle());
    for (int pane = 0; pane < compare->paneCount(); ++pane) {
        const int c = column(compare->columns().at(pane));
        EXPECT_TRUE(compare->paneNote(pane).isEmpty()) << pane;
        EXPECT_EQ(compare->paneImage(pane).size(), QSize(28, 28)) << pane;
        EXPECT_EQ(compare->paneImage(pane), window.session().gridModel().cellImage(0, c)) << pane;
    }
    EXPECT_EQ(compare->paneTitle(2), QStringLiteral("GradCAM (B-cos)"));
    EXPECT_EQ(compare->paneTitle(3), QStringLiteral("W(x)x"));
    compare->zoomGroup()->setZoom(4.0);
    for (int pane = 0; pane < compare->paneCount(); ++pane)
        EXPECT_EQ(compare->paneView(pane)->transform(), QTransform::fromScale(4.0, 4.0)) << pane;
}

TEST_F(CoreStudioTest, ViewSettingsAndTargetClassAreNewCacheKeysAndRecompute)
{
    loadModelAndImage();
    window.session().document().bcosifyModel(2.0);
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().bcosModel() != nullptr; }));
    ASSERT_TRUE(waitIdle());
    const int c = column(QStringLiteral("contributions"));
    const QImage before = window.session().gridModel().cellImage(0, c);
    ASSERT_FALSE(before.isNull());
    ViewSettings settings = window.session().gridModel().column(c).spec.view;
    settings.colormap = QStringLiteral("gray");
    window.session().document().setColumnView(QStringLiteral("contributions"), settings);
    EXPECT_TRUE(window.session().gridModel().cellImage(0, c).isNull()); // another key: not computed yet
    ASSERT_TRUE(waitIdle());
    const QImage gray = window.session().gridModel().cellImage(0, c);
    ASSERT_FALSE(gray.isNull());
    EXPECT_NE(gray, before);
    for (int y = 0; y < gray.height(); ++y) // the gray map has equal channels
        for (int x = 0; x < gray.width(); ++x)
            ASSERT_EQ(qRed(gray.pixel(x, y)), qBlue(gray.pixel(x, y)));

    window.session().document().setTargetClass(3);
    EXPECT_EQ(window.session().gridModel().column(c).spec.target, 3);
    ASSERT_TRUE(waitIdle());
    EXPECT_FALSE(window.session().gridModel().cellImage(0, c).isNull());
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(CoreStudioTest, ForeignWeightsThatDoNotFitShowTheKeyDiff)
{
    core::TensorMap tensors;
    tensors.insert("conv1.weight", torch::zeros({4, 3, 3, 3}));
    core::writeSafetensors((dir / "foreign.safetensors").string(), tensors, {});
    EXPECT_TRUE(needsArchitecture((dir / "foreign.safetensors").string()));
    QString failure;
    QObject::connect(&window.session().document(), &Document::modelLoadFailed, &window,
                     [&failure](const QString &, const QString &message) { failure = message; });
    ArchitectureSpec spec;
    spec.preset = "resnet18";
    spec.numClasses = 10;
    window.session().document().loadModel(qpath(dir / "foreign.safetensors"), spec);
    ASSERT_TRUE(test::waitUntil([&failure] { return !failure.isEmpty(); }));
    EXPECT_TRUE(failure.contains(QStringLiteral("do not fit"))) << failure.toStdString();
    EXPECT_TRUE(failure.contains(QStringLiteral("conv1.weight"))) << failure.toStdString();
    EXPECT_TRUE(failure.contains(QStringLiteral("foreign.safetensors"))) << failure.toStdString();
    EXPECT_FALSE(window.session().document().hasModel());
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 1);
}

TEST_F(CoreStudioTest, ABcosV2ZooFileOpensByDropWithoutTheArchitectureDialog)
{
    // A B-cos-v2 zoo state dict (../shared/fixtures/checkpoints): recognised from its keys, so no dialog is asked.
    const std::filesystem::path zoo = test::goldenDir().parent_path() / "fixtures" / "checkpoints" / "bcosv2_resnet_state_dict.pth";
    ASSERT_FALSE(needsArchitecture(zoo.string())); // else openPaths would block on the modal dialog
    window.openPaths({qpath(zoo)});
    const Document &document = window.session().document();
    ASSERT_TRUE(test::waitUntil([&document] { return document.bcosModel() != nullptr; }));
    EXPECT_EQ(document.bcosModel()->description.family(), "bcosv2_resnet");
    EXPECT_EQ(document.bcosModel()->description.numClasses(), 10);
    EXPECT_TRUE(document.bcosModel()->notice.find("opened as B-cos-v2 zoo model") == 0) << document.bcosModel()->notice;
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(CoreStudioTest, OneEpochOnFashionMnistGrowsTheChartAndDrawsProbes)
{
    ASSERT_TRUE(hasFashionMnist(fashionMnistDir())) << fashionMnistDir().toStdString();
    loadModelAndImage();
    TrainingPanel *panel = &test::child<TrainingPanel>(window);
    panel->setDataset(core::DatasetKind::Idx, fashionMnistDir(), 96);
    panel->setEpochs(1);
    bool finished = false, cancelled = true;
    TrainingController *controller = &window.session().training();
    ASSERT_NE(controller, nullptr);
    QObject::connect(controller, &TrainingController::finished, &window, [&](bool wasCancelled) {
        finished = true;
        cancelled = wasCancelled;
    });
    QPushButton *start = nullptr;
    for (QPushButton *button : panel->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("Start"))
            start = button;
    ASSERT_NE(start, nullptr);
    start->click();
    ASSERT_TRUE(test::waitUntil([&finished] { return finished; }, 120000)) << window.session().log().entry(window.session().log().rowCount() - 1).message.toStdString();
    EXPECT_FALSE(cancelled);
    EXPECT_EQ(panel->chartAdapter()->trainLoss()->count(), 2); // 96 images, batch 64: two steps
    EXPECT_EQ(panel->chartAdapter()->valAccuracy()->count(), 1);
    auto *memory = panel->findChild<QLabel *>(QStringLiteral("gpuMemory"));
    ASSERT_NE(memory, nullptr);
    EXPECT_EQ(memory->text(), QStringLiteral("GPU memory: n/a (CPU)")); // this test trains on the CPU
    ASSERT_EQ(panel->probeImages().size(), 1); // the one pinned image
    EXPECT_EQ(panel->probeImages().first().size(), QSize(28, 28));

    // The loop closed: the run's model joins the document beside the original, its columns fill.
    const Document &document = window.session().document();
    ASSERT_TRUE(test::waitUntil([&document] { return document.fineTunedModel() != nullptr; }));
    const QFileInfo model(QString::fromStdString(document.fineTunedModel()->path));
    EXPECT_EQ(model.fileName(), QStringLiteral("model.safetensors"));
    EXPECT_TRUE(document.fineTunedModel()->description.bcos.enabled);
    ASSERT_NE(document.standardModel(), nullptr);
    ASSERT_TRUE(waitIdle());
    const int wxx = column(QStringLiteral("wxx_finetuned"));
    ASSERT_GE(wxx, 0);
    const QImage map = window.session().gridModel().cellImage(0, wxx);
    ASSERT_FALSE(map.isNull());
    EXPECT_EQ(map.size(), QSize(28, 28));
    ASSERT_TRUE(test::waitUntil([this] { return window.session().gridModel().rowPrediction(0).contains(QStringLiteral("Fine-tuned: ")); }));
    EXPECT_TRUE(window.session().gridModel().rowPrediction(0).contains(QStringLiteral("Original: ")));

    // The Runs dock lists the run with its epoch and model, and reopens its curves and settings.
    RunsPanel *runs = &test::child<RunsPanel>(window);
    const QString name = model.dir().dirName();
    ASSERT_TRUE(test::waitUntil([runs, &name] { return runs->selectRun(name); })) << name.toStdString();
    const auto listed = runs->runs();
    const auto entry = std::find_if(listed.begin(), listed.end(), [&name](const RunEntry &r) { return r.name == name; });
    ASSERT_NE(entry, listed.end());
    EXPECT_EQ(entry->epochs, 1);
    EXPECT_EQ(entry->model, model.absoluteFilePath());
    EXPECT_TRUE(entry->hasSettings);
    panel->setEpochs(5);
    runs->openSelected();
    EXPECT_EQ(panel->settings().epochs, 1);
    EXPECT_EQ(panel->settings().maxSamples, 96);
    EXPECT_TRUE(panel->chartAdapter()->comparedRuns().contains(name));
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(CoreStudioTest, DemoLoadsFashionMnistImagesAndSaysWhenTheModelIsMissing)
{
    qputenv("BCOS_DEMO_MODEL", qpath(dir / "missing.safetensors").toUtf8());
    const bool haveDemoModel = !findDemoModel().isEmpty(); // the source tree may hold the real one
    window.startDemo();
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 16; }));
    EXPECT_TRUE(window.session().document().image(0).name.startsWith(QStringLiteral("fmnist_00_Ankle-boot")))
        << window.session().document().image(0).name.toStdString();
    bool saidMissing = false;
    for (int row = 0; row < window.session().log().rowCount(); ++row)
        saidMissing = saidMissing || window.session().log().entry(row).message.contains(QStringLiteral("was not found"));
    EXPECT_EQ(saidMissing, !haveDemoModel);
    qunsetenv("BCOS_DEMO_MODEL");
    ASSERT_TRUE(waitIdle());
}

TEST_F(CoreStudioTest, DemoClipOpensWithItsMosaicsAndTheShippedVocabulary)
{
    ASSERT_FALSE(findDemoClip().isEmpty()) << "the demo CLIP is part of the source tree (resources/demo)";
    ClipPromptController &prompts = window.session().clipPrompts();
    prompts.setVocabPath(QString()); // as on a machine without CLIP's merges file
    window.openDemoClip();
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 4; }));
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().hasClipModel(); }));
    EXPECT_TRUE(window.session().document().model()->clip->hasText());
    EXPECT_EQ(QFileInfo(prompts.vocabPath()).fileName(), QStringLiteral("bpe_simple_vocab_16e6.txt.gz"));
    EXPECT_TRUE(QFileInfo(prompts.vocabPath()).isFile());
    EXPECT_EQ(window.session().document().image(0).name, QStringLiteral("clip-mosaic-1.png"));
    // A prompt to try at once: every mosaic has a sneaker, each in another cell; the first mosaic is selected.
    EXPECT_EQ(prompts.prompts(), QStringList{QStringLiteral("a photo of a sneaker")});
    auto &browser = test::child<ImageBrowser>(window);
    ASSERT_TRUE(test::waitUntil([&] { return browser.selectionModel()->currentIndex().isValid(); }));
    EXPECT_EQ(browser.sourceRow(browser.selectionModel()->currentIndex()), 0);
    EXPECT_TRUE(window.session().gridModel().column(window.session().gridModel().columnOf(
        QStringLiteral("clip:a photo of a sneaker"))).available);
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
    ASSERT_TRUE(waitIdle());

    // A prompt's column comes after the method columns a CLIP model leaves empty: adding one brings it on screen.
    window.resize(1000, 700);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    auto &grid = test::child<ExplanationGridView>(window);
    grid.horizontalScrollBar()->setValue(0);
    prompts.addPrompt(QStringLiteral("a photo of a shoe"));
    const int section = window.session().gridModel().columnOf(QStringLiteral("clip:a photo of a shoe"));
    ASSERT_GT(section, 0);
    const int left = grid.horizontalHeader()->sectionViewportPosition(section);
    EXPECT_GE(left, 0);
    EXPECT_LE(left + grid.horizontalHeader()->sectionSize(section), grid.viewport()->width());
    EXPECT_GT(grid.horizontalScrollBar()->value(), 0); // it was off screen before
    ASSERT_TRUE(waitIdle());
}

TEST_F(CoreStudioTest, ExportAfterBcosifyHoldsTheMaps)
{
    loadModelAndImage();
    window.session().document().bcosifyModel(2.0);
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().bcosModel() != nullptr; }));
    ASSERT_TRUE(waitIdle());
    const QString png = qpath(dir / "grid.png");
    ASSERT_TRUE(window.exportGridTo(png, {}, false, true));
    const QImage exported(png);
    ASSERT_FALSE(exported.isNull());
    EXPECT_GT(exported.width(), 6 * 28);
    EXPECT_TRUE(QFileInfo::exists(png + QStringLiteral(".json")));
    // Enlarged cells: 28 px -> 4 x 28 = 112 px blocks of exact pixels.
    ExportOptions options;
    options.minCellSide = 100;
    options.rowLabels = false;
    options.columnLabels = false;
    const QString big = qpath(dir / "big.png");
    ASSERT_TRUE(window.exportGridTo(big, options, false, false));
    const QImage enlarged(big);
    ASSERT_FALSE(enlarged.isNull());
    EXPECT_GE(enlarged.width(), 7 * 112);
    EXPECT_GE(enlarged.height(), 112);
}

/// The number the B-cosify dialog shows ("15 layer(s) of the loaded model will change: ..."); -1 before.
int shownChanges(const BcosifyDialog &dialog)
{
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^(\\d+) layer")).match(dialog.changesText());
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

TEST_F(CoreStudioTest, BcosifyDialogCountsTheModelsLayersUsesAndRemembersItsOptions)
{
    AppSettings().setBcosifySettings({}); // the paper's defaults
    loadModelAndImage();
    const core::ModelDescription description = window.session().document().standardModel()->description;
    // conv0, 2 + 1 + 2 convs; norm0, 2 + 1 + 2 norms, norm5; pool0; the classifier.
    ASSERT_EQ(core::countBcosifyChanges(description, {}).total(), 15);
    core::BcosSettings keepPool;
    keepPool.keepMaxPool = true;
    ASSERT_EQ(core::countBcosifyChanges(description, keepPool).total(), 14);
    bool used = false;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<BcosifyDialog *>();
        ASSERT_NE(dialog, nullptr);
        EXPECT_DOUBLE_EQ(dialog->settings().b, 2.0);
        EXPECT_FALSE(dialog->settings().keepMaxPool);
        EXPECT_TRUE(test::waitUntil([dialog] { return shownChanges(*dialog) == 15; })) << dialog->changesText().toStdString();
        EXPECT_TRUE(dialog->changesText().contains(QStringLiteral("max-pool"))) << dialog->changesText().toStdString();
        dialog->findChild<QCheckBox *>(QStringLiteral("keepMaxPool"))->click();
        dialog->findChild<QDoubleSpinBox *>(QStringLiteral("b"))->setValue(2.5);
        EXPECT_TRUE(test::waitUntil([dialog] { return shownChanges(*dialog) == 14; })) << dialog->changesText().toStdString();
        EXPECT_FALSE(dialog->changesText().contains(QStringLiteral("max-pool")));
        used = true;
        dialog->accept();
    });
    window.bcosifyModel(); // the dialog's own event loop runs the timer
    ASSERT_TRUE(used);
    const Document &document = window.session().document();
    ASSERT_TRUE(test::waitUntil([&document] { return document.bcosModel() != nullptr; }));
    EXPECT_DOUBLE_EQ(document.bcosModel()->description.bcos.b, 2.5);
    EXPECT_TRUE(document.bcosModel()->description.bcos.keepMaxPool);
    EXPECT_FALSE(document.bcosModel()->description.bcos.keepBiases);
    EXPECT_NE(document.bcosModel()->path.find("max-pool kept"), std::string::npos) << document.bcosModel()->path;
    EXPECT_DOUBLE_EQ(AppSettings().bcosifySettings().b, 2.5);
    EXPECT_TRUE(AppSettings().bcosifySettings().keepMaxPool);
    // Opened again, it starts from the remembered options; Cancel changes nothing.
    bool reopened = false;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<BcosifyDialog *>();
        ASSERT_NE(dialog, nullptr);
        EXPECT_DOUBLE_EQ(dialog->settings().b, 2.5);
        EXPECT_TRUE(dialog->settings().keepMaxPool);
        reopened = true;
        dialog->reject();
    });
    const auto *before = document.bcosModel().get();
    window.bcosifyModel();
    EXPECT_TRUE(reopened);
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(document.bcosModel().get(), before);
    AppSettings().setBcosifySettings({});
}

TEST_F(CoreStudioTest, ExportedColourBarsShowTheMapsRangeAndRowLabelsTheClass)
{
    loadModelAndImage();
    window.session().document().bcosifyModel(2.0);
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().bcosModel() != nullptr; }));
    ASSERT_TRUE(waitIdle());
    ExportOptions options;
    options.width = FigureWidth::SingleColumn;
    options.colourBars = true;
    options.rowPredictions = true;
    const ExplanationGridModel &grid = window.session().gridModel();
    const GridExporter exporter(window.session().document(), grid, GridExporter::everything(grid), options);
    const FigureLayout layout = exporter.layout(0, 1);
    const int contributions = static_cast<int>(exporter.selection().columns.indexOf(column(QStringLiteral("contributions"))));
    const int wxx = static_cast<int>(exporter.selection().columns.indexOf(column(QStringLiteral("wxx"))));
    ASSERT_GE(contributions, 0);
    ASSERT_GE(wxx, 0);
    EXPECT_TRUE(layout.colourBars[wxx].isNull()); // colour W(x)x is not a signed map
    EXPECT_TRUE(layout.colourBars[0].isNull());   // nor the input
    ASSERT_FALSE(layout.colourBars[contributions].isNull());
    // The bar's ends are the 99.5th percentile of |contribution| of the map the cell was coloured from.
    const ViewColumn &view = grid.column(column(QStringLiteral("contributions")));
    const at::Tensor map = window.session().cache().map(
        ResultKey::make(window.session().document().image(0).path, *window.session().document().bcosModel(), view));
    ASSERT_TRUE(map.defined());
    const double q = torch::quantile(map.abs().flatten(), 0.995).item<double>();
    ASSERT_GT(q, 0.0);
    const std::optional<ColourScale> scale = colourScale(grid.cellImage(0, column(QStringLiteral("contributions"))));
    ASSERT_TRUE(scale.has_value());
    EXPECT_NEAR(scale->high, q, 1e-6 * q);
    EXPECT_NEAR(scale->low, -q, 1e-6 * q);
    // The ticks read ±q (2 significant digits) in units of the "×10ⁿ" line under them.
    QStringList ticks;
    for (const FigureText &tick : layout.colourBarLabels[contributions])
        ticks << tick.text;
    const std::string shown = ticks.join(QLatin1Char('|')).toStdString();
    ASSERT_GE(ticks.size(), 2) << shown;
    int exponent = 0;
    for (const QString &tick : ticks)
        if (tick.startsWith(QStringLiteral("×10"))) {
            QString digits = tick.mid(3);
            digits.replace(QChar(0x207B), QLatin1Char('-'));
            const QString superscripts = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
            for (int d = 0; d < 10; ++d)
                digits.replace(superscripts.at(d), QChar(u'0' + d));
            exponent = digits.toInt();
        }
    const double low = QString(ticks[0]).replace(QChar(0x2212), QLatin1Char('-')).toDouble() * std::pow(10.0, exponent);
    const double high = QString(ticks[1]).toDouble() * std::pow(10.0, exponent);
    EXPECT_NEAR(low, -q, 0.05 * q) << shown;
    EXPECT_NEAR(high, q, 0.05 * q) << shown;
    EXPECT_TRUE(ticks[1].startsWith(QLatin1Char('+'))) << shown;
    // The row label: the image name, then the B-cos model's top class and its confidence.
    ASSERT_GE(layout.rowLabels[0].size(), 2);
    QStringList classLines;
    for (int k = 1; k < layout.rowLabels[0].size(); ++k)
        classLines << layout.rowLabels[0][k].text;
    EXPECT_EQ(classLines.join(QLatin1Char(' ')), grid.topClasses(0).section(QLatin1Char('\n'), 0, 0));
    EXPECT_TRUE(classLines.join(QLatin1Char(' ')).endsWith(QStringLiteral(" %")));
    EXPECT_EQ(layout.rowLabels[0][0].text, QStringLiteral("photo.png"));
    // The PNG shows the bar: its middle pixel is bwr's white, its ends blue and red.
    const QString png = qpath(dir / "bars.png");
    ASSERT_TRUE(window.exportGridTo(png, options, false, false));
    const QImage exported(png);
    ASSERT_EQ(exported.size(), layout.page);
    const QRect bar = layout.colourBars[contributions];
    const QRgb left = exported.pixel(bar.left() + 2, bar.center().y());
    const QRgb right = exported.pixel(bar.right() - 2, bar.center().y());
    EXPECT_GT(qBlue(left), qRed(left) + 100);
    EXPECT_GT(qRed(right), qBlue(right) + 100);
}

} // namespace
} // namespace bcos::widgets
