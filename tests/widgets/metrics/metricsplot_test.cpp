// The legend of the metric plots (the Metrics dock and its exported figures) sits in the corner the curves leave free.
#include "widgets/metrics/metricsplot.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace bcos::widgets {
namespace {

const QRectF kPlot(40, 20, 400, 300);
const QSizeF kLegend(120, 50);

/// y = f(x) for x in [xFrom, 1], both in [0, 1], in kPlot's coordinates (y grows downwards).
QPolygonF curve(const std::function<double(double)> &f, double xFrom = 0.0)
{
    QPolygonF points;
    for (int k = 0; k <= 32; ++k) {
        const double x = xFrom + (1.0 - xFrom) * k / 32.0;
        points << QPointF(kPlot.left() + x * kPlot.width(), kPlot.bottom() - f(x) * kPlot.height());
    }
    return points;
}

enum class Corner { TopRight, BottomRight, TopLeft, BottomLeft };

Corner cornerOf(const QRectF &legend)
{
    const bool right = legend.center().x() > kPlot.center().x();
    const bool top = legend.center().y() < kPlot.center().y();
    return right ? (top ? Corner::TopRight : Corner::BottomRight) : (top ? Corner::TopLeft : Corner::BottomLeft);
}

QRectF place(const QVector<QPolygonF> &curves)
{
    const QRectF legend = MetricsPlot::legendPlace(kPlot, kLegend, curves);
    EXPECT_EQ(legend.size(), kLegend);
    EXPECT_TRUE(kPlot.contains(legend));
    return legend;
}

TEST(MetricsPlotLegend, TopRightWithoutCurvesAndOverFallingDeletionCurves)
{
    EXPECT_EQ(cornerOf(place({})), Corner::TopRight);
    // Deletion: the score falls as the most relevant pixels go; the bottom left is free too, the top right wins ties.
    EXPECT_EQ(cornerOf(place({curve([](double x) { return 0.9 * std::exp(-4 * x); }),
                              curve([](double x) { return 0.9 - 0.75 * x; })})),
              Corner::TopRight);
}

TEST(MetricsPlotLegend, BottomRightOverRisingInsertionCurves)
{
    // The demo's insertion curves: near 1 from a quarter of the pixels on (the legend sat on them before).
    EXPECT_EQ(cornerOf(place({curve([](double x) { return 0.95 - 0.75 * std::exp(-8 * x); }),
                              curve([](double x) { return 0.2 + 0.7 * x; })})),
              Corner::BottomRight);
}

TEST(MetricsPlotLegend, LeftWhenCurvesRunAlongTheTopAndBottomOfTheRightHalf)
{
    const QVector<QPolygonF> right{curve([](double) { return 0.95; }, 0.5), curve([](double) { return 0.05; }, 0.5)};
    EXPECT_EQ(cornerOf(place(right)), Corner::TopLeft);
    QVector<QPolygonF> threeCorners = right;
    threeCorners << curve([](double x) { return x < 0.4 ? 0.95 : 0.5; }); // also through the top left
    EXPECT_EQ(cornerOf(place(threeCorners)), Corner::BottomLeft);
}

TEST(MetricsPlotLegend, TheCornerCrossedLeastWhenNoneIsFree)
{
    // A line along the top and one along the bottom cross all four corners; three shorter ones cross all but the
    // top left once more.
    const QVector<QPolygonF> curves{curve([](double) { return 0.95; }), curve([](double) { return 0.05; }),
                                    curve([](double) { return 0.9; }, 0.6), curve([](double) { return 0.1; }, 0.6),
                                    curve([](double x) { return x < 0.4 ? 0.1 : 0.5; })};
    EXPECT_EQ(cornerOf(place(curves)), Corner::TopLeft);
}

} // namespace
} // namespace bcos::widgets
