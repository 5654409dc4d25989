#pragma once

#include "widgets/metrics/metricscomputation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

class QPainter;

namespace bcos::widgets {

/// What the Metrics view shows, ready to export: the summaries and the per-image values of the images.
struct MetricsReport {
    QString source;                  ///< ImageValues::source()
    QString model;                   ///< the model file
    QVector<ColumnSummary> summaries;
    QStringList names;               ///< per image, in Document order
    QStringList paths;
    QVector<int> labels;
    QVector<ImageValueRow> rows;     ///< per image; rows without values are empty

    /// The summary table and the mean curves painted into `area` (the exported figure panel).
    void paint(QPainter &painter, const QRectF &area) const;
    /// The line under the figure's title: where the values come from (wraps when the model's path makes it wide).
    QString subtitle() const;
    /// The figure's size in pixels at 96 dpi.
    QSize figureSize() const;
    /// Writes the CSV: a summary block (metric, method, higher_is_better, mean, ci_lower, ci_upper, images,
    /// left_out), a blank line, then one row per image (image, label, every value; empty where left out).
    /// Returns an error message naming the file, empty on success.
    QString writeCsv(const QString &path) const;
    /// Writes the figure (format by suffix: png, svg, pdf) and its recipe as `path` + ".json" (source, model,
    /// images, columns with their summaries). Returns an error message naming the file, empty on success.
    QString writeFigure(const QString &path) const;
    QJsonObject recipe(const QString &figure) const;
};

} // namespace bcos::widgets
