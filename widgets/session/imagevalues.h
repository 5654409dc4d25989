#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QVector>

namespace bcos::widgets {

/// One per-image value of the session: a metric of a method ("deletion/wxx") or the agreement of two methods
/// ("agreement/wxx~gradcam"), as an explanation store or the Metrics view names them.
struct ValueColumn {
    QString name;              ///< "metric/method"
    QString metric;            ///< "deletion", ..., "agreement"
    QString method;            ///< "wxx", or "wxx~gradcam" for an agreement
    bool higherIsBetter = true;
    QVector<double> curveX;    ///< where the per-image curves' points lie; empty when the metric has none
};

/// The values and curves of one image, indexed like ImageValues::columns().
struct ImageValueRow {
    QVector<double> values;            ///< NaN where the image was left out (an all-zero map)
    QVector<QVector<double>> curves;   ///< empty entries for columns without curves
};

/// The per-image values of the open images, by image path: what the browser sorts and filters by and the Metrics
/// view summarises. Replaced as a whole when a store is opened or the Metrics view computes (GUI thread only).
class ImageValues : public QObject {
    Q_OBJECT
public:
    explicit ImageValues(QObject *parent = nullptr);

    const QVector<ValueColumn> &columns() const { return m_columns; }
    /// -1 when there is no such column.
    int columnIndex(const QString &name) const;
    bool isEmpty() const { return m_columns.isEmpty(); }
    /// Where the values came from ("explanation store /data/store", "computed on 500 images").
    QString source() const { return m_source; }
    /// NaN when the image has no value in that column.
    double value(const QString &imagePath, int column) const;
    /// Empty when the image or the column has no curve.
    QVector<double> curve(const QString &imagePath, int column) const;
    bool hasImage(const QString &imagePath) const { return m_rows.contains(imagePath); }
    int imageCount() const { return static_cast<int>(m_rows.size()); }

    void replace(QVector<ValueColumn> columns, QHash<QString, ImageValueRow> rows, QString source);
    void clear();

Q_SIGNALS:
    void changed();

private:
    QVector<ValueColumn> m_columns;
    QHash<QString, ImageValueRow> m_rows;
    QString m_source;
};

} // namespace bcos::widgets
