// The pointing-game tool in the real studio: a box drawn with simulated mouse events on an Input cell, the
// fraction every explanation cell shows, and the mapping from cell pixels to image pixels at any zoom.
#include "qtwait.h"
#include "windowchild.h"

#include "core/eval/pointinggame.h"
#include "widgets/training/coretrainer.h"
#include "widgets/session/demodata.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/jobs/explanationjobs.h"
#include "widgets/grid/imagecelldelegate.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/pointinggame/pointinggametool.h"
#include "widgets/jobs/predictionjobs.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"

#include <QAction>
#include <QTableWidget>
#include <QTest>

#include <ATen/ATen.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace bcos::widgets {
namespace {

TEST(PointingGameBox, MapsViewportPixelsToImagePixelsAtAnyCellSize)
{
    // A 28 x 28 image drawn 4x (112 px) at (10, 20): viewport x 10 + 4 k covers image column k.
    const QRect drawn(10, 20, 112, 112);
    EXPECT_EQ(PointingGameTool::imageBox({14, 24}, {30, 44}, drawn, {28, 28}), QRect(1, 1, 4, 5)); // x [1, 5), y [1, 6)
    EXPECT_EQ(PointingGameTool::imageBox({30, 44}, {14, 24}, drawn, {28, 28}), QRect(1, 1, 4, 5)); // any direction
    EXPECT_EQ(PointingGameTool::imageBox({14.5, 24}, {30.5, 44}, drawn, {28, 28}), QRect(1, 1, 5, 5)); // outward
    // The same image fractions at another zoom give the same box.
    const QRect bigger(0, 0, 280, 280);
    EXPECT_EQ(PointingGameTool::imageBox({10, 10}, {50, 60}, bigger, {28, 28}), QRect(1, 1, 4, 5));
    // Clipped to the image; a drag outside it or without extent is no box.
    EXPECT_EQ(PointingGameTool::imageBox({0, 0}, {18, 200}, drawn, {28, 28}), QRect(0, 0, 2, 28));
    EXPECT_TRUE(PointingGameTool::imageBox({0, 0}, {9, 9}, drawn, {28, 28}).isNull());
    EXPECT_TRUE(PointingGameTool::imageBox({40, 40}, {40, 90}, drawn, {28, 28}).isNull());
    // Non-square images keep their own scale per axis.
    EXPECT_EQ(PointingGameTool::imageBox({0, 0}, {50, 25}, QRect(0, 0, 100, 50), {200, 100}), QRect(0, 0, 100, 50));
    EXPECT_EQ(PointingGameTool::formatFraction(0.4237), QStringLiteral("42.4 %"));
}

class PointingGameStudioTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_FALSE(findDemoModel().isEmpty()) << "the demo model is part of the source tree";
        window.startDemo();
        ASSERT_TRUE(test::waitUntil([this] { return window.session().document().imageCount() == 16 && window.session().document().hasModel(); }));
        ASSERT_TRUE(waitIdle());
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    }
    bool waitIdle(int msecs = 180000)
    {
        return test::waitUntil([this] {
            return window.session().runner().activeCount() == 0 && window.session().explanations().isIdle()
                && window.session().predictions().isIdle() && test::child<PointingGameTool>(window).isIdle();
        }, msecs);
    }
    int column(const QString &id)
    {
        for (int c = 0; c < window.session().gridModel().columnCount(); ++c)
            if (window.session().gridModel().column(c).id == id)
                return c;
        return -1;
    }
    /// Drags from (fx0, fy0) to (fx1, fy1), fractions of the drawn image, on the Input cell of grid row `row`;
    /// returns the viewport points.
    std::pair<QPoint, QPoint> drag(int row, double fx0, double fy0, double fx1, double fy1)
    {
        ExplanationGridView *grid = &test::child<ExplanationGridView>(window);
        const QModelIndex index = grid->model()->index(row, column(QStringLiteral("input")));
        grid->scrollTo(index);
        inputSize = index.data(ExplanationGridModel::ImageRole).value<QImage>().size(); // what the tool maps to
        const QRect image = ImageCellDelegate::imageRect(grid->visualRect(index), inputSize);
        const QPoint from(image.x() + qRound(fx0 * image.width()), image.y() + qRound(fy0 * image.height()));
        const QPoint to(image.x() + qRound(fx1 * image.width()), image.y() + qRound(fy1 * image.height()));
        QTest::mousePress(grid->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(grid->viewport(), (from + to) / 2);
        QTest::mouseMove(grid->viewport(), to);
        QTest::mouseRelease(grid->viewport(), Qt::LeftButton, {}, to);
        lastImageRect = image;
        return {from, to};
    }
    /// The image box a drag should give, computed here from the drawn rectangle (outward to whole pixels).
    QRect expectedBox(const QPoint &from, const QPoint &to) const
    {
        const double s = double(inputSize.width()) / lastImageRect.width();
        const int x0 = int(std::floor((std::min(from.x(), to.x()) - lastImageRect.x()) * s));
        const int y0 = int(std::floor((std::min(from.y(), to.y()) - lastImageRect.y()) * s));
        const int x1 = int(std::ceil((std::max(from.x(), to.x()) - lastImageRect.x()) * s));
        const int y1 = int(std::ceil((std::max(from.y(), to.y()) - lastImageRect.y()) * s));
        return {x0, y0, x1 - x0, y1 - y0};
    }
    /// The table's text for a view column.
    QString tableText(const QString &columnId)
    {
        const QTableWidget *table = test::child<PointingGameTool>(window).table();
        for (int row = 1; row < table->rowCount(); ++row)
            if (table->item(row, 1) && table->item(row, 1)->data(Qt::UserRole).toString() == columnId)
                return table->item(row, 1)->text();
        return {};
    }

    MainWindow window{StudioServices{loadModelWithCore, trainWithCore, {}}};
    QRect lastImageRect;
    QSize inputSize; ///< the demo model's input (all rows share it)
};

TEST_F(PointingGameStudioTest, ADrawnBoxShowsTheCoreFractionOfEachView)
{
    PointingGameTool &tool = test::child<PointingGameTool>(window);
    const QString path = window.session().document().image(0).path;
    // Without the tool, a drag selects cells and sets no box.
    drag(0, 0.2, 0.2, 0.7, 0.6);
    EXPECT_TRUE(tool.box(path).isNull());

    tool.action()->setChecked(true);
    const auto [from, to] = drag(0, 0.2, 0.25, 0.7, 0.6);
    const QRect box = tool.box(path);
    ASSERT_FALSE(box.isNull());
    EXPECT_EQ(box, expectedBox(from, to));
    ASSERT_TRUE(waitIdle());

    // The demo model is a standard network: GradCAM (original) is its explanation column.
    const ViewColumn &view = window.session().gridModel().column(column(QStringLiteral("gradcam_standard")));
    ASSERT_TRUE(view.available);
    const at::Tensor map = window.session().cache().map(ResultKey::make(path, *window.session().document().modelFor(view), view));
    ASSERT_TRUE(map.defined());
    ASSERT_EQ(map.sizes(), (std::vector<int64_t>{inputSize.height(), inputSize.width()})); // input resolution
    const double expected = core::positiveFractionInBox(map, {box.x(), box.y(), box.x() + box.width(), box.y() + box.height()});
    ASSERT_TRUE(tool.fraction(path, view).has_value());
    EXPECT_DOUBLE_EQ(*tool.fraction(path, view), expected);
    EXPECT_GT(expected, 0.0);
    EXPECT_LT(expected, 1.0);
    const QString shown = QString::number(expected * 100.0, 'f', 1) + QStringLiteral(" %");
    EXPECT_EQ(tool.fractionText(path, view), shown);
    EXPECT_EQ(tableText(view.id), shown);
    EXPECT_TRUE(test::child<PointingGameTool>(window).table()->item(0, 1)->text().contains(QStringLiteral("%1 × %2 px").arg(box.width()).arg(box.height())));

    // The overlay: the box outline is drawn on the Input cell.
    const QImage shot = test::child<ExplanationGridView>(window).viewport()->grab().toImage();
    const double d = shot.devicePixelRatio();
    const double cellScale = lastImageRect.width() / double(inputSize.width()); // logical pixels per image pixel
    const QPoint topEdge(qRound((lastImageRect.x() + (box.x() + box.width() / 2.0) * cellScale) * d),
                         qRound((lastImageRect.y() + box.y() * cellScale) * d));
    const QColor edge = shot.pixelColor(topEdge);
    EXPECT_GT(edge.red(), 200) << edge.name().toStdString();
    EXPECT_GT(edge.green(), 170) << edge.name().toStdString();
    EXPECT_LT(edge.blue(), 90) << edge.name().toStdString();

    // Another zoom: the same image fractions give the same box and the same fraction.
    test::child<ExplanationGridView>(window).setCellSide(100);
    QCoreApplication::processEvents();
    const auto [from2, to2] = drag(0, 0.2, 0.25, 0.7, 0.6);
    EXPECT_EQ(tool.box(path), expectedBox(from2, to2));
    test::child<ExplanationGridView>(window).setCellSide(320);
    QCoreApplication::processEvents();
    drag(0, 0.0, 0.0, 1.0, 1.0); // the whole image holds all the positive attribution
    EXPECT_EQ(tool.box(path), QRect(QPoint(0, 0), inputSize));
    ASSERT_TRUE(waitIdle());
    ASSERT_TRUE(tool.fraction(path, view).has_value());
    EXPECT_DOUBLE_EQ(*tool.fraction(path, view), 1.0);
    EXPECT_EQ(tableText(view.id), QStringLiteral("100.0 %"));

    // A click without a drag clears the box.
    const QModelIndex input = test::child<ExplanationGridView>(window).model()->index(0, column(QStringLiteral("input")));
    QTest::mouseClick(test::child<ExplanationGridView>(window).viewport(), Qt::LeftButton, {}, test::child<ExplanationGridView>(window).visualRect(input).center());
    EXPECT_TRUE(tool.box(path).isNull());
    EXPECT_TRUE(tool.fractionText(path, view).isEmpty());
}

TEST_F(PointingGameStudioTest, BcosColumnsAreScoredWhenTheirMapsArrive)
{
    PointingGameTool &tool = test::child<PointingGameTool>(window);
    tool.action()->setChecked(true);
    const QString path = window.session().document().image(1).path;
    drag(1, 0.1, 0.1, 0.5, 0.9);
    const QRect box = tool.box(path);
    ASSERT_FALSE(box.isNull());
    // B-cosify: new columns whose maps are computed after the box exists.
    window.session().document().bcosifyModel(2.0);
    ASSERT_TRUE(test::waitUntil([this] { return window.session().document().bcosModel() != nullptr; }, 60000));
    ASSERT_TRUE(waitIdle());
    ASSERT_TRUE(waitIdle()); // the tool's last scoring starts when the last maps arrive
    for (const QString &id : {QStringLiteral("wxx"), QStringLiteral("contributions"), QStringLiteral("gradcam"),
                              QStringLiteral("ixg"), QStringLiteral("gradcam_standard")}) {
        const ViewColumn &view = window.session().gridModel().column(column(id));
        ASSERT_TRUE(view.available) << id.toStdString();
        const at::Tensor map = window.session().cache().map(ResultKey::make(path, *window.session().document().modelFor(view), view));
        ASSERT_TRUE(map.defined()) << id.toStdString();
        const double expected =
            core::positiveFractionInBox(map, {box.x(), box.y(), box.x() + box.width(), box.y() + box.height()});
        ASSERT_TRUE(tool.fraction(path, view).has_value()) << id.toStdString();
        EXPECT_DOUBLE_EQ(*tool.fraction(path, view), expected) << id.toStdString();
        EXPECT_EQ(tableText(id), PointingGameTool::formatFraction(expected)) << id.toStdString();
    }
    // W(x)x is scored on its contribution map, the same map as the Contributions column. The two columns may be
    // explained in passes of different sizes (chunked by memory, core/explain/explainchunks.h), whose convolutions
    // round differently: the same fraction to fp32 rounding (a few dozen ulps of sums of float maps; scoring another
    // map, e.g. the colour image's, differs in the second digit).
    const ViewColumn &wxx = window.session().gridModel().column(column(QStringLiteral("wxx")));
    const ViewColumn &contributions = window.session().gridModel().column(column(QStringLiteral("contributions")));
    const double fraction = *tool.fraction(path, contributions);
    EXPECT_NEAR(*tool.fraction(path, wxx), fraction, 32 * std::numeric_limits<float>::epsilon() * fraction);

    // A map that replaces a scored one in the cache (explained again: a late pass of the same key, or evicted and
    // explained in a pass of another size) is scored again when maps arrive; the table showed the old map's share.
    const ViewColumn &gradcam = window.session().gridModel().column(column(QStringLiteral("gradcam_standard")));
    const ResultKey key = ResultKey::make(path, *window.session().document().modelFor(gradcam), gradcam);
    const at::Tensor old = window.session().cache().map(key);
    at::Tensor replaced = old.clone();
    replaced.slice(0, 0, replaced.size(0) / 2).zero_(); // the top half carries nothing now
    window.session().cache().insertMap(key, replaced);
    tool.recompute(); // what ExplanationJobs::resultsReady calls
    ASSERT_TRUE(waitIdle());
    const double now = core::positiveFractionInBox(replaced, {box.x(), box.y(), box.x() + box.width(), box.y() + box.height()});
    EXPECT_NE(now, core::positiveFractionInBox(old, {box.x(), box.y(), box.x() + box.width(), box.y() + box.height()}));
    EXPECT_DOUBLE_EQ(*tool.fraction(path, gradcam), now);
}

} // namespace
} // namespace bcos::widgets
