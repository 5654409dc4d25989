// The explanation grid's row headers: wide enough for a model's class and confidence, never more than a quarter of a
// wide view.
#include "widgets/grid/explanationgridview.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QHeaderView>
#include <QStandardItemModel>

namespace bcos::widgets {
namespace {

int widestLine(const QWidget &widget, const QString &text)
{
    int widest = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        widest = std::max(widest, widget.fontMetrics().horizontalAdvance(line));
    return widest;
}

TEST(ExplanationGridView, RowHeadersShowTheClassAndConfidenceOfEachModel)
{
    QStandardItemModel model(2, 3);
    const QString header = QStringLiteral("fmnist_00_Ankle-boot.png\nOriginal: Ankle boot 99.3 %\n"
                                          "Fine-tuned: Ankle boot 98.6 %");
    model.setHeaderData(0, Qt::Vertical, header);
    model.setHeaderData(1, Qt::Vertical, QStringLiteral("b.png"));
    ExplanationGridView view;
    view.setModel(&model);
    view.resize(1000, 600);
    view.show();
    QApplication::processEvents();
    // The header's text lines fit (it was 160 px, which cut the last line after "98.6 ").
    EXPECT_GE(view.verticalHeader()->width(), widestLine(view, header));
    EXPECT_LE(view.verticalHeader()->width(), 1000 / 4);

    // A name longer than a quarter of the view is cut there; in a narrow view the limit stays 160 px.
    model.setHeaderData(1, Qt::Vertical, QString(200, QLatin1Char('x')) + QStringLiteral(".png"));
    QApplication::processEvents();
    EXPECT_EQ(view.verticalHeader()->width(), 1000 / 4);
    view.resize(400, 600);
    QApplication::processEvents();
    EXPECT_EQ(view.verticalHeader()->width(), 160);
}

} // namespace
} // namespace bcos::widgets
