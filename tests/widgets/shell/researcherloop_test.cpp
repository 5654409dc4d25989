// #21's loop as a user drives it, with the real core: the demo (the original DenseNet and its shipped B-cosified,
// fine-tuned version), B-cosify through the menu action and its dialog, one short epoch from the Training dock's
// Start button, the run's model in the grid with changed predictions, the demo CLIP with a typed prompt and the
// cosine-power slider, and an exported figure panel with its recipe.
#include "qtwait.h"
#include "windowchild.h"
#include "tests/support/tempdir.h"

#include "widgets/clip/clippromptpanel.h"
#include "widgets/export/gridexporter.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/demodata.h"
#include "widgets/session/document.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/bcosifydialog.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/training/coretrainer.h"
#include "widgets/training/trainingpanel.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <array>
#include <cmath>

namespace bcos::widgets {
namespace {

QAction *findAction(const QWidget &window, const QString &text)
{
    for (QAction *action : window.findChildren<QAction *>())
        if (action->text() == text)
            return action;
    ADD_FAILURE() << "no action " << text.toStdString();
    return nullptr;
}

int rowOf(const Document &document, const QString &prefix)
{
    for (int row = 0; row < document.imageCount(); ++row)
        if (document.image(row).name.startsWith(prefix))
            return row;
    return -1;
}

/// Brightness of each quadrant of a rendered map (top left, top right, bottom left, bottom right).
std::array<double, 4> quadrantBrightness(const QImage &image)
{
    std::array<double, 4> sums{};
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            sums[(y >= image.height() / 2 ? 2 : 0) + (x >= image.width() / 2 ? 1 : 0)] += qGray(image.pixel(x, y));
    return sums;
}

TEST(ResearcherLoop, DemoBcosifyTrainBrowseClipPromptAndExport)
{
    ASSERT_TRUE(hasFashionMnist(fashionMnistDir())) << fashionMnistDir().toStdString();
    ASSERT_FALSE(findDemoFile(QLatin1String(kDemoFineTunedModel)).isEmpty()) << "part of the source tree";
    ASSERT_FALSE(findDemoClip().isEmpty()) << "part of the source tree";
    qunsetenv("BCOS_DEMO_MODEL");
    test::TempDir dir;
    MainWindow window{StudioServices{loadModelWithCore, trainWithCore, {}}};
    window.resize(1366, 768);
    window.show();
    StudioSession &session = window.session();
    Document &document = session.document();
    const ExplanationGridModel &grid = session.gridModel();
    auto idle = [&session] { return test::waitUntil([&session] { return session.isIdle(); }, 180000); };

    // 1. The demo: the original's GradCAM next to the fine-tuned B-cos model's W(x)x, and its confidence.
    findAction(window, QStringLiteral("Start with the &Demo"))->trigger();
    ASSERT_TRUE(test::waitUntil([&document] {
        return document.imageCount() == 16 && document.standardModel() && document.fineTunedModel();
    }, 60000));
    ASSERT_TRUE(idle());
    const int gradcam = grid.columnOf(QStringLiteral("gradcam_standard"));
    ASSERT_GE(gradcam, 0);
    EXPECT_EQ(grid.columnOf(QStringLiteral("wxx_finetuned")), gradcam + 1);
    EXPECT_FALSE(grid.cellImage(0, gradcam).isNull());
    EXPECT_FALSE(grid.cellImage(0, gradcam + 1).isNull());
    const std::shared_ptr<LoadedModel> shipped = document.fineTunedModel();
    ASSERT_GE(document.image(0).label, 0);
    const auto shippedTop = session.cache().prediction(document.image(0).path, *shipped);
    ASSERT_FALSE(shippedTop.isEmpty());
    EXPECT_EQ(shippedTop.first().index, document.image(0).label); // 88 % on the test set; image 0 is easy
    EXPECT_TRUE(grid.rowPrediction(0).contains(QStringLiteral("Fine-tuned: "))) << grid.rowPrediction(0).toStdString();

    // 2. B-cosify through the menu: the dialog is accepted with the paper's defaults.
    QTimer acceptDialog;
    QObject::connect(&acceptDialog, &QTimer::timeout, [&acceptDialog] {
        if (auto *dialog = qobject_cast<BcosifyDialog *>(QApplication::activeModalWidget())) {
            acceptDialog.stop();
            dialog->accept();
        }
    });
    acceptDialog.start(20);
    findAction(window, QStringLiteral("&B-cosify…"))->trigger();
    ASSERT_TRUE(test::waitUntil([&document] { return document.bcosModel() != nullptr; }, 60000));
    ASSERT_TRUE(idle());
    EXPECT_DOUBLE_EQ(document.bcosModel()->description.bcos.b, 2.0);
    EXPECT_EQ(document.fineTunedModel(), shipped); // the run's model of the same original stays beside it
    const auto beforeFineTuning = session.cache().prediction(document.image(0).path, *document.bcosModel());
    ASSERT_FALSE(beforeFineTuning.isEmpty());

    // 3. One short epoch from the Training dock's Start button; the run's model replaces the shipped one.
    auto *panel = &test::child<TrainingPanel>(window);
    TrainingSettings settings = demoTrainingSettings();
    settings.epochs = 1;
    settings.maxSamples = 3000; // 47 steps: seconds on two cores
    panel->setSettings(settings);
    QPushButton *start = nullptr;
    for (QPushButton *button : panel->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("Start"))
            start = button;
    ASSERT_NE(start, nullptr);
    QTest::mouseClick(start, Qt::LeftButton);
    ASSERT_TRUE(test::waitUntil([&document, &shipped] {
        return document.fineTunedModel() && document.fineTunedModel() != shipped;
    }, 300000));
    ASSERT_TRUE(idle());
    const std::shared_ptr<LoadedModel> trained = document.fineTunedModel();
    EXPECT_TRUE(QString::fromStdString(trained->path).endsWith(QStringLiteral("/model.safetensors")));
    EXPECT_TRUE(trained->description.bcos.enabled);
    const auto afterFineTuning = session.cache().prediction(document.image(0).path, *trained);
    ASSERT_FALSE(afterFineTuning.isEmpty());
    double change = 0.0; // the same class's probability before and after one epoch of fine-tuning
    for (const ClassScore &after : afterFineTuning)
        for (const ClassScore &before : beforeFineTuning)
            if (after.index == before.index)
                change = std::max(change, std::abs(after.probability - before.probability));
    EXPECT_GT(change, 1e-3);
    EXPECT_FALSE(grid.cellImage(0, grid.columnOf(QStringLiteral("wxx_finetuned"))).isNull());

    // 4. The demo CLIP: type a prompt, then drag the cosine-power slider; the map follows without a new pass.
    findAction(window, QStringLiteral("Open Demo &CLIP"))->trigger();
    ASSERT_TRUE(test::waitUntil([&document] {
        return document.hasClipModel() && rowOf(document, QStringLiteral("clip-mosaic-1")) >= 0;
    }, 60000));
    ASSERT_TRUE(idle());
    auto *prompts = &test::child<ClipPromptPanel>(window);
    prompts->promptEdit()->setText(QStringLiteral("a photo of a sneaker"));
    QTest::mouseClick(prompts->addButton(), Qt::LeftButton);
    int clipColumn = -1;
    for (int c = 0; c < grid.columnCount(); ++c)
        if (grid.column(c).id.startsWith(QStringLiteral("clip:")))
            clipColumn = c;
    ASSERT_GE(clipColumn, 0);
    const int mosaic = rowOf(document, QStringLiteral("clip-mosaic-1")); // the sneaker is in the top left cell
    ASSERT_TRUE(test::waitUntil([&] { return !grid.cellImage(mosaic, clipColumn).isNull(); }, 120000));
    const QImage atFirst = grid.cellImage(mosaic, clipColumn);
    const auto quadrants = quadrantBrightness(atFirst);
    EXPECT_GT(quadrants[0], quadrants[1]);
    EXPECT_GT(quadrants[0], quadrants[2]);
    EXPECT_GT(quadrants[0], quadrants[3]);
    prompts->powerSlider()->setValue(prompts->powerSlider()->maximum());
    ASSERT_TRUE(test::waitUntil([&] {
        const QImage now = grid.cellImage(mosaic, clipColumn);
        return !now.isNull() && now != atFirst;
    }, 60000));

    // 5. A double-column figure panel with its recipe: titles and the prompt column in both.
    ExportOptions options;
    options.width = FigureWidth::DoubleColumn;
    const QString png = QString::fromStdString((dir / "panel.png").string());
    ASSERT_TRUE(window.exportGridTo(png, options, false, true));
    QImageReader reader(png);
    reader.setAllocationLimit(0); // a 300 dpi double-column page of 20 rows
    const QImage exported = reader.read();
    ASSERT_FALSE(exported.isNull()) << reader.errorString().toStdString();
    const GridExporter exporter(document, grid, GridExporter::everything(grid), options);
    EXPECT_EQ(exported.size(), exporter.pageSize(document.imageCount()));
    int coloured = 0; // the maps are in it: pixels that are neither white nor grey
    for (int y = 0; y < exported.height(); y += 2)
        for (int x = 0; x < exported.width(); x += 2) {
            const QRgb p = exported.pixel(x, y);
            coloured += std::abs(qRed(p) - qBlue(p)) > 40 ? 1 : 0;
        }
    EXPECT_GT(coloured, 100);
    QFile recipe(png + QStringLiteral(".json"));
    ASSERT_TRUE(recipe.open(QIODevice::ReadOnly));
    const QByteArray json = recipe.readAll();
    EXPECT_TRUE(json.contains("a photo of a sneaker"));
    EXPECT_TRUE(QJsonDocument::fromJson(json).isObject());
    EXPECT_EQ(session.log().count(LogLevel::Error), 0);
}

} // namespace
} // namespace bcos::widgets
