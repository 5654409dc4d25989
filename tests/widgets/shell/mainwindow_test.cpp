#include "qtwait.h"
#include "windowchild.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "widgets/shell/appsettings.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/browser/imagebrowser.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/jobs/taskrunner.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

QString qpath(const std::filesystem::path &path)
{
    return QString::fromStdString(path.string());
}

class MainWindowTest : public ::testing::Test {
protected:
    void drop(QWidget *target, const QStringList &paths)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls << QUrl::fromLocalFile(path);
        mime.setUrls(urls);
        // As a real drag: the enter event makes `target` the drag manager's current target, then the drop.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        EXPECT_TRUE(enter.isAccepted());
        QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &event);
        EXPECT_TRUE(event.isAccepted());
    }
    bool waitIdle() { return test::waitUntil([this] { return window.session().runner().activeCount() == 0; }); }
    QString lastError()
    {
        for (int row = window.session().log().rowCount() - 1; row >= 0; --row)
            if (window.session().log().entry(row).level == LogLevel::Error)
                return window.session().log().entry(row).message;
        return {};
    }

    test::TempDir dir;
    MainWindow window{StudioServices{}};
};

TEST_F(MainWindowTest, DroppingAnImageOnTheBrowserAddsARow)
{
    const QString png = qpath(dir / "photo.png");
    test::writeTestPng(png, 300, 200);
    drop(test::child<ImageBrowser>(window).viewport(), {png});
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 1; }));
    EXPECT_EQ(test::child<ImageBrowser>(window).model()->rowCount(), 1);
    EXPECT_EQ(test::child<ImageBrowser>(window).model()->index(0, 0).data().toString(), QStringLiteral("photo.png"));
    EXPECT_EQ(window.session().gridModel().rowCount(), 1);
    const ImageRecord &record = window.session().document().image(0);
    EXPECT_EQ(record.originalSize, QSize(300, 200));
    // ImageNet preset: shorter side 256, centre crop 224; the Input column shows it once a worker has decoded it.
    EXPECT_EQ(window.session().document().inputReader().read(record.path).size(), QSize(224, 224));
    ASSERT_TRUE(test::waitUntil([this] { return !window.session().gridModel().cellImage(0, 0).isNull(); }));
    EXPECT_EQ(window.session().gridModel().cellImage(0, 0).size(), QSize(224, 224));
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(MainWindowTest, DroppingANonImageFileLogsAnErrorAndAddsNoRow)
{
    const QString text = qpath(dir / "notes.txt");
    test::writeBytes(text, "these are not pixels\n");
    drop(test::child<ImageBrowser>(window).viewport(), {text});
    ASSERT_TRUE(test::waitUntil([this] { return window.session().log().count(LogLevel::Error) == 1; }));
    EXPECT_TRUE(waitIdle());
    EXPECT_EQ(window.session().document().imageCount(), 0);
    EXPECT_TRUE(lastError().contains(QStringLiteral("notes.txt"))) << lastError().toStdString();
}

TEST_F(MainWindowTest, ACorruptPngIsReportedAndTheGoodOneStillAdded)
{
    const QString broken = qpath(dir / "broken.png");
    const QString good = qpath(dir / "good.png");
    test::writeBytes(broken, QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(64, 'x'));
    test::writeTestPng(good, 64, 64);
    drop(test::child<ExplanationGridView>(window).viewport(), {broken, good});
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 1; }));
    EXPECT_TRUE(waitIdle());
    EXPECT_EQ(window.session().document().image(0).name, QStringLiteral("good.png"));
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 1);
    EXPECT_TRUE(lastError().contains(QStringLiteral("broken.png"))) << lastError().toStdString();
}

TEST_F(MainWindowTest, DroppingAFolderAddsItsImagesSortedAndSkipsOtherFiles)
{
    const QString folder = qpath(dir / "set");
    QDir().mkpath(folder + QStringLiteral("/sub"));
    test::writeTestPng(folder + QStringLiteral("/b.png"), 40, 30);
    test::writeTestPng(folder + QStringLiteral("/sub/a.png"), 30, 40);
    test::writeBytes(folder + QStringLiteral("/readme.md"), "# not an image\n");
    drop(&window, {folder});
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 2; }));
    EXPECT_EQ(window.session().document().image(0).name, QStringLiteral("b.png"));
    EXPECT_EQ(window.session().document().image(1).name, QStringLiteral("a.png"));
    EXPECT_EQ(window.session().log().count(LogLevel::Error), 0);
}

TEST_F(MainWindowTest, AddingImagesIsUndoable)
{
    const QString png = qpath(dir / "x.png");
    test::writeTestPng(png, 32, 32);
    window.openPaths({png});
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 1; }));
    window.session().document().undoStack()->undo();
    EXPECT_EQ(window.session().document().imageCount(), 0);
    EXPECT_EQ(window.session().gridModel().rowCount(), 0);
    window.session().document().undoStack()->redo();
    EXPECT_EQ(window.session().document().imageCount(), 1);
    window.session().document().removeImages({0});
    EXPECT_EQ(window.session().document().imageCount(), 0);
    window.session().document().undoStack()->undo();
    ASSERT_EQ(window.session().document().imageCount(), 1);
    EXPECT_EQ(window.session().document().image(0).name, QStringLiteral("x.png"));
}

TEST_F(MainWindowTest, ExplanationColumnsSayWhatTheyNeedInsteadOfShowingMaps)
{
    ExplanationGridModel &grid = window.session().gridModel();
    ASSERT_EQ(grid.columnCount(), 8);
    EXPECT_EQ(grid.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Input"));
    EXPECT_EQ(grid.columnHeader(1), QStringLiteral("W(x)x (needs a B-cos model)"));
    EXPECT_EQ(grid.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("W(x)x\n(needs a B-cos model)"));
    EXPECT_EQ(grid.headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(),
              QStringLiteral("GradCAM (original)\n(needs a standard model)"));
    const QString png = qpath(dir / "x.png");
    test::writeTestPng(png, 32, 32);
    window.openPaths({png});
    ASSERT_TRUE(test::waitUntil([&grid] { return grid.rowCount() == 1; }));
    EXPECT_EQ(grid.flags(grid.index(0, 1)), Qt::NoItemFlags);
    EXPECT_TRUE(grid.cellImage(0, 1).isNull());
    EXPECT_FALSE(grid.cellImage(0, 0).isNull());
}

TEST_F(MainWindowTest, DroppingAModelFileWithoutALoaderReportsItAndKeepsRunning)
{
    const QString weights = qpath(dir / "model.safetensors");
    test::writeBytes(weights, QByteArray(16, '\0'));
    drop(test::child<ImageBrowser>(window).viewport(), {weights});
    ASSERT_TRUE(test::waitUntil([this] { return window.session().log().count(LogLevel::Error) == 1; }));
    EXPECT_EQ(lastError(), QStringLiteral("Could not load model %1: no model-file loader in this build").arg(weights));
    EXPECT_FALSE(window.session().document().hasModel());
    EXPECT_EQ(window.session().document().imageCount(), 0);
}

TEST(MainWindowSettings, FirstStartHidesTheLogAndTheDockLayoutIsRemembered)
{
    AppSettings().setWindowState({});
    AppSettings().setGeometry({});
    {
        MainWindow window{StudioServices{}};
        window.show();
        QCoreApplication::processEvents();
        auto *log = window.findChild<QDockWidget *>(QStringLiteral("logDock"));
        auto *training = window.findChild<QDockWidget *>(QStringLiteral("trainingDock"));
        ASSERT_NE(log, nullptr);
        ASSERT_NE(training, nullptr);
        EXPECT_FALSE(log->isVisible()); // collapsed at first start: View > Log brings it back
        EXPECT_TRUE(training->isVisible());
        EXPECT_FALSE(window.visibleRegion().isEmpty());
        log->show(); // the user opens the log and closes the training dock
        training->hide();
        window.close();
    }
    MainWindow restored{StudioServices{}};
    restored.show();
    QCoreApplication::processEvents();
    EXPECT_TRUE(restored.findChild<QDockWidget *>(QStringLiteral("logDock"))->isVisible());
    EXPECT_FALSE(restored.findChild<QDockWidget *>(QStringLiteral("trainingDock"))->isVisible());
    restored.close();
    AppSettings().setWindowState({});
}

TEST(MainWindowSettings, GeometryIsSavedOnCloseAndRestored)
{
    AppSettings().setGeometry({});
    {
        MainWindow window{StudioServices{}};
        window.resize(900, 640);
        window.close();
    }
    EXPECT_FALSE(AppSettings().geometry().isEmpty());
    MainWindow restored{StudioServices{}};
    EXPECT_EQ(restored.size(), QSize(900, 640));
}

} // namespace
} // namespace bcos::widgets
