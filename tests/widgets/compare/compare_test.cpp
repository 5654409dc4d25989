// Before/after comparison (SyncedZoomGroup, ComparisonView) and compared training runs on the chart.
#include "qtwait.h"
#include "windowchild.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "core/train/runlog.h"
#include "widgets/compare/comparisonview.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/gridorderproxymodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/compare/syncedzoomgroup.h"
#include "widgets/training/trainingchartadapter.h"
#include "widgets/training/trainingcontroller.h"
#include "widgets/training/trainingpanel.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QLineSeries>
#include <QMenu>
#include <QToolButton>
#include <QScrollBar>
#include <QValueAxis>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <limits>
#include <memory>

namespace bcos::widgets {
namespace {

QString qpath(const std::filesystem::path &path)
{
    return QString::fromStdString(path.string());
}

/// The scene rect a view shows.
QRectF visibleRect(const QGraphicsView *view)
{
    return view->mapToScene(view->viewport()->rect()).boundingRect();
}

void sendWheel(QGraphicsView *view, const QPointF &pos, int angle)
{
    QWheelEvent wheel(pos, view->viewport()->mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
}

void sendMouse(QGraphicsView *view, QEvent::Type type, const QPointF &pos, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, view->viewport()->mapToGlobal(pos), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &event);
}

void sendKey(QGraphicsView *view, int key)
{
    QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier);
    QApplication::sendEvent(view, &event);
}

/// Two 200 x 150 views of 224 x 224 scenes in one group.
class SyncedZoomGroupTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        for (size_t i = 0; i < views.size(); ++i) {
            scenes[i].setSceneRect(0, 0, 224, 224);
            views[i] = std::make_unique<QGraphicsView>(&scenes[i]);
            views[i]->setFrameShape(QFrame::NoFrame);
            views[i]->resize(200, 150);
            views[i]->show();
            group.addView(views[i].get());
        }
        QCoreApplication::processEvents();
    }
    void expectSame()
    {
        EXPECT_EQ(views[1]->transform(), views[0]->transform());
        EXPECT_EQ(views[1]->horizontalScrollBar()->value(), views[0]->horizontalScrollBar()->value());
        EXPECT_EQ(views[1]->verticalScrollBar()->value(), views[0]->verticalScrollBar()->value());
        EXPECT_EQ(visibleRect(views[1].get()), visibleRect(views[0].get()));
    }

    SyncedZoomGroup group;
    std::array<QGraphicsScene, 2> scenes;
    std::array<std::unique_ptr<QGraphicsView>, 2> views;
};

TEST_F(SyncedZoomGroupTest, WheelOnOnePaneZoomsBothAboutTheCursor)
{
    const QPointF cursor(60, 40);
    const QPointF under = views[0]->mapToScene(cursor.toPoint());
    sendWheel(views[0].get(), cursor, 240); // two notches
    EXPECT_DOUBLE_EQ(group.zoom(), 1.25 * 1.25);
    EXPECT_DOUBLE_EQ(views[0]->transform().m11(), 1.5625);
    EXPECT_DOUBLE_EQ(views[0]->transform().m22(), 1.5625);
    expectSame();
    const QPointF after = views[0]->mapToScene(cursor.toPoint());
    EXPECT_NEAR(after.x(), under.x(), 1.0); // the point under the cursor stays (scroll values are integers)
    EXPECT_NEAR(after.y(), under.y(), 1.0);
    EXPECT_NEAR(visibleRect(views[1].get()).width(), views[1]->viewport()->width() / 1.5625, 1.0);

    sendWheel(views[1].get(), cursor, -120); // zooming out in the other pane
    EXPECT_DOUBLE_EQ(group.zoom(), 1.25);
    expectSame();
}

TEST_F(SyncedZoomGroupTest, DraggingOnePanePansBoth)
{
    group.setZoom(2.0);
    expectSame();
    const int x0 = views[1]->horizontalScrollBar()->value();
    const int y0 = views[1]->verticalScrollBar()->value();
    const QRectF before = visibleRect(views[0].get());
    sendMouse(views[1].get(), QEvent::MouseButtonPress, {100, 80}, Qt::LeftButton);
    sendMouse(views[1].get(), QEvent::MouseMove, {60, 50}, Qt::LeftButton);
    sendMouse(views[1].get(), QEvent::MouseButtonRelease, {60, 50}, Qt::NoButton);
    EXPECT_EQ(views[1]->horizontalScrollBar()->value(), x0 + 40);
    EXPECT_EQ(views[1]->verticalScrollBar()->value(), y0 + 30);
    expectSame();
    EXPECT_DOUBLE_EQ(visibleRect(views[0].get()).left(), before.left() + 20.0); // 40 px at zoom 2
    EXPECT_DOUBLE_EQ(visibleRect(views[0].get()).top(), before.top() + 15.0);

    views[0]->horizontalScrollBar()->setValue(0); // scroll bars of either pane lead too
    EXPECT_EQ(views[1]->horizontalScrollBar()->value(), 0);
    expectSame();
}

TEST_F(SyncedZoomGroupTest, KeysZoomFitAndShowActualPixels)
{
    sendKey(views[1].get(), Qt::Key_Plus);
    EXPECT_DOUBLE_EQ(group.zoom(), 1.25);
    expectSame();
    sendKey(views[1].get(), Qt::Key_Minus);
    EXPECT_DOUBLE_EQ(group.zoom(), 1.0);
    sendKey(views[0].get(), Qt::Key_0);
    EXPECT_TRUE(group.isFitting());
    QCoreApplication::processEvents();
    const QSize space = views[0]->viewport()->size() - QSize(4, 4);
    EXPECT_DOUBLE_EQ(group.zoom(), std::min(space.width(), space.height()) / 224.0);
    EXPECT_TRUE(visibleRect(views[0].get()).contains(QRectF(0, 0, 224, 224)));
    expectSame();

    views[0]->resize(400, 300); // fitted views follow the size
    QCoreApplication::processEvents();
    EXPECT_DOUBLE_EQ(group.zoom(), (views[0]->viewport()->height() - 4) / 224.0);
    EXPECT_EQ(views[1]->transform(), views[0]->transform());

    sendKey(views[1].get(), Qt::Key_1);
    EXPECT_FALSE(group.isFitting());
    EXPECT_DOUBLE_EQ(group.zoom(), 1.0);
    EXPECT_EQ(views[0]->transform(), QTransform());
    EXPECT_EQ(views[1]->transform(), QTransform());
}

TEST_F(SyncedZoomGroupTest, ZoomIsClampedAndDestroyedViewsLeaveTheGroup)
{
    group.setZoom(1000.0);
    EXPECT_DOUBLE_EQ(group.zoom(), SyncedZoomGroup::kMaxZoom);
    group.setZoom(0.0001);
    EXPECT_DOUBLE_EQ(group.zoom(), SyncedZoomGroup::kMinZoom);
    views[1].reset();
    EXPECT_EQ(group.views().size(), 1);
    group.zoomIn();
    EXPECT_DOUBLE_EQ(views[0]->transform().m11(), SyncedZoomGroup::kMinZoom * 1.25);
}

TEST(ComparisonViewTest, PanesShowTheGridCellsAndZoomTogether)
{
    test::TempDir dir;
    MainWindow window{StudioServices{}};
    test::writeTestPng(qpath(dir / "photo.png"), 300, 200);
    window.openPaths({qpath(dir / "photo.png")});
    ASSERT_TRUE(test::waitUntil([&window] { return window.session().document().imageCount() == 1; }));
    window.compareRow(0);
    ComparisonView *compare = &test::child<ComparisonView>(window);
    ASSERT_NE(compare, nullptr);
    EXPECT_TRUE(compare->isVisible());
    EXPECT_EQ(compare->row(), 0);
    EXPECT_EQ(compare->windowTitle(), QStringLiteral("Compare — photo.png"));
    ASSERT_EQ(compare->paneCount(), 4);
    EXPECT_EQ(compare->columns(), ComparisonView::defaultColumns());
    EXPECT_EQ(compare->paneTitle(0), QStringLiteral("Input"));
    EXPECT_EQ(compare->paneImage(0), window.session().gridModel().cellImage(0, 0));
    EXPECT_EQ(compare->paneImage(0).size(), QSize(224, 224));
    EXPECT_TRUE(compare->paneNote(0).isEmpty());
    // Without models the method panes say what they need, as the grid does.
    EXPECT_TRUE(compare->paneImage(1).isNull());
    EXPECT_EQ(compare->paneNote(1), QStringLiteral("needs a standard model"));
    EXPECT_EQ(compare->paneNote(3), QStringLiteral("needs a B-cos model"));
    EXPECT_EQ(compare->paneTitle(3), QStringLiteral("W(x)x"));

    compare->resize(1000, 400);
    QCoreApplication::processEvents();
    QGraphicsView *third = compare->paneView(2);
    const double fitted = compare->zoomGroup()->zoom();
    sendWheel(third, {50, 50}, 360);
    EXPECT_DOUBLE_EQ(compare->zoomGroup()->zoom(), fitted * 1.25 * 1.25 * 1.25);
    EXPECT_DOUBLE_EQ(third->transform().m11(), compare->zoomGroup()->zoom());
    for (int pane = 0; pane < compare->paneCount(); ++pane) {
        EXPECT_EQ(compare->paneView(pane)->transform(), third->transform()) << pane;
        EXPECT_EQ(compare->paneView(pane)->horizontalScrollBar()->value(), third->horizontalScrollBar()->value()) << pane;
        EXPECT_EQ(visibleRect(compare->paneView(pane)).topLeft(), visibleRect(third).topLeft()) << pane;
    }

    test::writeTestPng(qpath(dir / "second.png"), 64, 64); // the open comparison follows the grid's current row
    window.openPaths({qpath(dir / "second.png")});
    ASSERT_TRUE(test::waitUntil([&window] { return window.session().document().imageCount() == 2; }));
    test::child<ExplanationGridView>(window).setCurrentIndex(test::child<GridOrderProxyModel>(window).mapFromSource(window.session().gridModel().index(1, 0)));
    EXPECT_EQ(compare->row(), 1);
    EXPECT_EQ(compare->windowTitle(), QStringLiteral("Compare — second.png"));
    EXPECT_EQ(compare->paneImage(0), window.session().gridModel().cellImage(1, 0));
    test::child<ExplanationGridView>(window).setCurrentIndex(test::child<GridOrderProxyModel>(window).mapFromSource(window.session().gridModel().index(0, 0)));
    EXPECT_EQ(compare->row(), 0);

    compare->setColumns({QStringLiteral("input"), QStringLiteral("wxx")});
    EXPECT_EQ(compare->paneCount(), 2);
    EXPECT_EQ(compare->zoomGroup()->views().size(), 2);

    compare->setRow(1);
    window.session().document().removeImages({0}); // a row above goes away: the comparison stays on its image
    ASSERT_EQ(window.session().document().imageCount(), 1);
    EXPECT_EQ(compare->row(), 0);
    EXPECT_EQ(compare->windowTitle(), QStringLiteral("Compare — second.png"));
    window.session().document().removeImages({0}); // its own row goes away: the panes say so
    ASSERT_EQ(window.session().document().imageCount(), 0);
    EXPECT_EQ(compare->row(), -1);
    EXPECT_EQ(compare->paneNote(0), QStringLiteral("No image: choose Compare on a grid row"));
}

class RunComparisonTest : public ::testing::Test {
protected:
    QChart *chart() const { return panel.findChild<QChartView *>()->chart(); }
    double axisMax(Qt::Orientation orientation, int index) const
    {
        return qobject_cast<QValueAxis *>(chart()->axes(orientation).at(index))->max();
    }

    test::TempDir dir;
    TrainingController controller;
    TrainingPanel panel{controller, {{QStringLiteral("cpu"), QStringLiteral("CPU")}}};
};

TEST_F(RunComparisonTest, ARunDirectoryAddsDashedCurvesWithItsValues)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    const auto run = dir / "bcosify-b2";
    const core::RunLog log(run); // what `bcos train` and the training panel write
    log.appendEpoch({0, 1.5, 0.4, 1.25, 0.45, 0.9, kNaN, 1e-4, 10.0});
    log.appendEpoch({1, 0.9, 0.6, 1.0, 0.6, 0.95, kNaN, 5e-5, 10.0});
    log.appendEpoch({2, 0.7, 0.7, kNaN, kNaN, kNaN, kNaN, 1e-5, 10.0});
    ASSERT_EQ(chart()->series().size(), 4);

    ASSERT_TRUE(panel.compareWithRun(qpath(run)));
    EXPECT_EQ(panel.comparisonMessage(), QStringLiteral("Comparing with bcosify-b2: 3 epoch(s)"));
    TrainingChartAdapter *adapter = panel.chartAdapter();
    EXPECT_EQ(adapter->comparedRuns(), QStringList{QStringLiteral("bcosify-b2")});
    EXPECT_EQ(chart()->series().size(), 7);
    const ComparedRun compared = adapter->comparedRun(QStringLiteral("bcosify-b2"));
    ASSERT_NE(compared.trainLoss, nullptr);
    EXPECT_EQ(compared.trainLoss->name(), QStringLiteral("bcosify-b2: train loss"));
    EXPECT_EQ(compared.trainAccuracy->name(), QStringLiteral("bcosify-b2: train accuracy"));
    EXPECT_EQ(compared.valAccuracy->name(), QStringLiteral("bcosify-b2: validation accuracy"));
    EXPECT_EQ(compared.trainLoss->pen().style(), Qt::DashLine);
    EXPECT_TRUE(compared.valAccuracy->pointsVisible()); // one point per epoch, visible even for a single epoch
    EXPECT_EQ(compared.trainLoss->pen().color(), adapter->trainLoss()->pen().color());
    const QList<QPointF> expectedLoss{{1, 1.5}, {2, 0.9}, {3, 0.7}};
    EXPECT_EQ(compared.trainLoss->points(), expectedLoss);
    const QList<QPointF> expectedTrainAccuracy{{1, 0.4}, {2, 0.6}, {3, 0.7}};
    EXPECT_EQ(compared.trainAccuracy->points(), expectedTrainAccuracy);
    const QList<QPointF> expectedValAccuracy{{1, 0.45}, {2, 0.6}}; // epoch 3 had no validation
    EXPECT_EQ(compared.valAccuracy->points(), expectedValAccuracy);
    EXPECT_GE(axisMax(Qt::Horizontal, 0), 3.0);
    EXPECT_GE(axisMax(Qt::Vertical, 0), 1.5); // the loss axis

    adapter->clear(); // a new live run keeps the comparison
    EXPECT_EQ(adapter->trainLoss()->count(), 0);
    EXPECT_EQ(compared.trainLoss->count(), 3);
    EXPECT_GE(axisMax(Qt::Horizontal, 0), 3.0);

    const auto second = dir / "scratch";
    core::RunLog(second).appendEpoch({0, 2.5, 0.2, 2.0, 0.25, 0.6, kNaN, 1e-3, 5.0});
    ASSERT_TRUE(panel.compareWithRun(qpath(second)));
    EXPECT_EQ(adapter->comparedRuns(), (QStringList{QStringLiteral("bcosify-b2"), QStringLiteral("scratch")}));
    EXPECT_EQ(adapter->comparedRun(QStringLiteral("scratch")).valAccuracy->pen().style(), Qt::DotLine);
    EXPECT_EQ(chart()->series().size(), 10);
    EXPECT_GE(axisMax(Qt::Vertical, 0), 2.5);

    // The "Remove comparison" menu lists the runs; its action removes one.
    QToolButton *remove = nullptr;
    for (QToolButton *button : panel.findChildren<QToolButton *>())
        if (button->text() == QStringLiteral("Remove comparison"))
            remove = button;
    ASSERT_NE(remove, nullptr);
    EXPECT_TRUE(remove->isEnabled());
    Q_EMIT remove->menu()->aboutToShow();
    QStringList entries;
    for (QAction *action : remove->menu()->actions())
        entries << action->text();
    EXPECT_EQ(entries, (QStringList{QStringLiteral("bcosify-b2"), QStringLiteral("scratch"), QString(), QStringLiteral("All")}));
    remove->menu()->actions().front()->trigger();
    EXPECT_EQ(adapter->comparedRuns(), QStringList{QStringLiteral("scratch")});
    EXPECT_EQ(chart()->series().size(), 7);
    panel.removeComparedRun(QStringLiteral("scratch"));
    EXPECT_TRUE(adapter->comparedRuns().isEmpty());
    EXPECT_EQ(chart()->series().size(), 4);
    EXPECT_FALSE(remove->isEnabled());
    EXPECT_FALSE(adapter->removeComparedRun(QStringLiteral("scratch")));
}

TEST_F(RunComparisonTest, AMalformedRunShowsTheExactErrorAndAddsNothing)
{
    const auto run = dir / "broken";
    std::filesystem::create_directories(run);
    {
        std::ofstream csv(run / "metrics.csv");
        csv << core::RunLog::csvHeader() << "\n1,0.5,0.25,0.5,0.5,0.9,nan,0.001,2.0\n2,0.4,0.3,0.5,oops,0.9,nan,0.001,2.0\n";
    }
    EXPECT_FALSE(panel.compareWithRun(qpath(run)));
    EXPECT_EQ(panel.comparisonMessage(), qpath(run / "metrics.csv") + QStringLiteral(":3: val_top1 'oops' is not a number"));
    EXPECT_TRUE(panel.chartAdapter()->comparedRuns().isEmpty());
    EXPECT_EQ(chart()->series().size(), 4);

    EXPECT_FALSE(panel.compareWithRun(qpath(dir.path())));
    EXPECT_EQ(panel.comparisonMessage(),
              qpath(dir.path()) + QStringLiteral(" has no metrics.csv or metrics.jsonl; expected a run directory "
                                                 "written by `bcos train` or the training panel"));
    EXPECT_EQ(chart()->series().size(), 4);
}

} // namespace
} // namespace bcos::widgets
