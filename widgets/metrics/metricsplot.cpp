#include "metricsplot.h"

#include <QPainter>

#include <algorithm>

namespace bcos::widgets {
namespace {

/// The x axis' title of a curve metric.
QString axisTitle(const QString &metric)
{
    if (metric == QLatin1String("deletion"))
        return MetricsPlot::tr("fraction of pixels removed (most relevant first)");
    if (metric == QLatin1String("insertion"))
        return MetricsPlot::tr("fraction of pixels inserted (most relevant first)");
    return MetricsPlot::tr("percentile of pixels imputed");
}

} // namespace

MetricsPlot::MetricsPlot(QString metric, QWidget *parent)
    : QWidget(parent)
    , m_metric(std::move(metric))
{
    setMinimumSize(220, 160);
}

void MetricsPlot::setSummaries(const QVector<ColumnSummary> &summaries)
{
    m_summaries.clear();
    for (const ColumnSummary &summary : summaries)
        if (summary.column.metric == m_metric && !summary.meanCurve.isEmpty())
            m_summaries.append(summary);
    update();
}

int MetricsPlot::lineCount() const
{
    return static_cast<int>(m_summaries.size());
}

QColor MetricsPlot::lineColour(int index)
{
    static const QColor palette[] = {QColor(0, 114, 178), QColor(213, 94, 0),  QColor(0, 158, 115),
                                     QColor(204, 121, 167), QColor(230, 159, 0), QColor(86, 180, 233),
                                     QColor(0, 0, 0)};
    return palette[index % 7];
}

void MetricsPlot::paintCurves(QPainter &painter, const QRectF &area, const QString &metric,
                              const QVector<ColumnSummary> &summaries)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(painter.font());
    const double line = fm.height();
    painter.drawText(QRectF(area.left(), area.top(), area.width(), line), Qt::AlignHCenter,
                     tr("%1: mean score of the explained class").arg(metric));
    const QRectF plot(area.left() + 3.5 * line, area.top() + 1.5 * line, area.width() - 4.5 * line,
                      area.height() - 4.5 * line);
    QVector<const ColumnSummary *> lines;
    double xMin = 0.0, xMax = 1.0;
    for (const ColumnSummary &summary : summaries)
        if (summary.column.metric == metric && !summary.meanCurve.isEmpty()) {
            lines.append(&summary);
            xMin = summary.column.curveX.isEmpty() ? 0.0 : summary.column.curveX.first();
            xMax = summary.column.curveX.isEmpty() ? 1.0 : summary.column.curveX.last();
        }
    if (xMax <= xMin)
        xMax = xMin + 1.0;
    // Scores are probabilities: a fixed [0, 1] axis makes plots comparable across methods and figures.
    const auto toPoint = [&](double x, double y) {
        return QPointF(plot.left() + (x - xMin) / (xMax - xMin) * plot.width(),
                       plot.bottom() - std::clamp(y, 0.0, 1.0) * plot.height());
    };
    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.drawRect(plot);
    for (int k = 0; k <= 4; ++k) { // ticks on both axes
        const double f = k / 4.0;
        const QPointF y = toPoint(xMin, f), x = toPoint(xMin + f * (xMax - xMin), 0.0);
        painter.drawText(QRectF(plot.left() - 3.3 * line, y.y() - line / 2, 3 * line, line), Qt::AlignRight,
                         QString::number(f, 'g', 2));
        painter.drawText(QRectF(x.x() - 1.5 * line, plot.bottom() + 0.2 * line, 3 * line, line), Qt::AlignHCenter,
                         QString::number(xMin + f * (xMax - xMin), 'g', 3));
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 1.3 * line, plot.width(), line), Qt::AlignHCenter,
                     axisTitle(metric));
    QVector<QPolygonF> curves;
    QStringList labels; // method and its area under the mean curve (the mean per-image value)
    double labelWidth = 0;
    for (const ColumnSummary *summary : lines) {
        QPolygonF curve;
        for (int k = 0; k < summary->meanCurve.size(); ++k) {
            const double x = k < summary->column.curveX.size() ? summary->column.curveX[k] : k;
            curve << toPoint(x, summary->meanCurve[k]);
        }
        curves << curve;
        labels << tr("%1 (%2)").arg(summary->column.method).arg(summary->interval.mean, 0, 'f', 3);
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(labels.last()));
    }
    for (int i = 0; i < curves.size(); ++i) {
        painter.setPen(QPen(lineColour(i), 2));
        painter.drawPolyline(curves[i]);
    }
    if (!lines.isEmpty()) { // on a light box, so that a curve it cannot avoid runs behind it, not through the text
        const QRectF legend = legendPlace(plot, QSizeF(labelWidth + 1.8 * line, (lines.size() * 1.1 + 0.3) * line),
                                          curves);
        painter.setPen(QPen(QColor(200, 200, 200), 1));
        painter.setBrush(QColor(255, 255, 255, 220));
        painter.drawRect(legend);
        for (int i = 0; i < lines.size(); ++i) {
            const QRectF entry(legend.left() + 0.25 * line, legend.top() + (0.2 + i * 1.1) * line,
                               legend.width() - 0.25 * line, line);
            painter.setPen(QPen(lineColour(i), 2));
            painter.drawLine(QPointF(entry.left(), entry.center().y()),
                             QPointF(entry.left() + line, entry.center().y()));
            painter.setPen(Qt::black);
            painter.drawText(entry.adjusted(1.3 * line, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
        }
    }
    if (lines.isEmpty())
        painter.drawText(plot, Qt::AlignCenter, tr("no %1 values yet").arg(metric));
    painter.restore();
}

QRectF MetricsPlot::legendPlace(const QRectF &plot, const QSizeF &size, const QVector<QPolygonF> &curves)
{
    const double margin = std::min(plot.width(), plot.height()) * 0.02;
    const QRectF inner = plot.adjusted(margin, margin, -margin, -margin);
    const QRectF corners[] = {QRectF(QPointF(inner.right() - size.width(), inner.top()), size),
                              QRectF(QPointF(inner.right() - size.width(), inner.bottom() - size.height()), size),
                              QRectF(inner.topLeft(), size),
                              QRectF(QPointF(inner.left(), inner.bottom() - size.height()), size)};
    // Each segment sampled at 16 points: a steep stretch counts as much as a flat one of the same length in x.
    const auto crossings = [&](const QRectF &box) {
        int count = 0;
        for (const QPolygonF &curve : curves)
            for (int k = 1; k < curve.size(); ++k)
                for (int t = 0; t < 16; ++t)
                    count += box.contains(curve[k - 1] + (curve[k] - curve[k - 1]) * (t / 16.0)) ? 1 : 0;
        return count;
    };
    const QRectF *best = &corners[0];
    int fewest = crossings(corners[0]);
    for (const QRectF &corner : corners) {
        const int count = crossings(corner);
        if (count < fewest) {
            fewest = count;
            best = &corner;
        }
    }
    return *best;
}

void MetricsPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    paintCurves(painter, rect().adjusted(4, 4, -4, -4), m_metric, m_summaries);
}

} // namespace bcos::widgets
