#pragma once

#include "widgets/metrics/metricscomputation.h"

#include <QPolygonF>
#include <QWidget>

class QPainter;

namespace bcos::widgets {

/// The mean per-image curves of one metric (deletion, insertion, ROAD), one line per method, with axes and a
/// legend. The same painting serves the screen and the exported figure (paintCurves()).
class MetricsPlot : public QWidget {
    Q_OBJECT
public:
    explicit MetricsPlot(QString metric, QWidget *parent = nullptr);

    /// Shows the summaries of this plot's metric (the others are ignored).
    void setSummaries(const QVector<ColumnSummary> &summaries);
    const QString &metric() const { return m_metric; }
    /// The lines shown: (method, mean curve) pairs.
    int lineCount() const;

    /// Paints the curves of `metric` among `summaries` into `area`.
    static void paintCurves(QPainter &painter, const QRectF &area, const QString &metric,
                            const QVector<ColumnSummary> &summaries);
    /// The line colour of the i-th method (a colour-blind-safe palette, Okabe & Ito).
    static QColor lineColour(int index);
    /// Where paintCurves() puts a legend of `size` inside `plot`: the inner corner (top right, bottom right, top
    /// left, bottom left) that the fewest stretches of `curves` (in the plot's coordinates) run through; top right
    /// on ties, as the data of a deletion curve leave it free.
    static QRectF legendPlace(const QRectF &plot, const QSizeF &size, const QVector<QPolygonF> &curves);

    QSize sizeHint() const override { return {320, 220}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_metric;
    QVector<ColumnSummary> m_summaries;
};

} // namespace bcos::widgets
