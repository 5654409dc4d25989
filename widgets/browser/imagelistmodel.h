#pragma once

#include "widgets/jobs/resultcache.h"

#include <QAbstractListModel>
#include <QPixmap>
#include <QElapsedTimer>
#include <QTimer>
#include <QVector>

#include <utility>

namespace bcos::widgets {

class Document;
struct ImageRecord;

/// The image browser's model: one row per Document image; DecorationRole is the thumbnail (with the
/// device pixel ratio of the screen), DisplayRole the file name, ToolTipRole path, size, label, prediction and
/// the per-image values (Document::values()).
/// With a ResultCache it also gives the primary model's cached prediction of each row.
class ImageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        LabelRole,          ///< int: ground-truth class, -1 = unlabelled
        PredictedClassRole, ///< int: the primary model's top class, -1 = not predicted (yet)
        ConfidenceRole,     ///< double: its softmax probability; invalid QVariant when not predicted
        OrderRole,          ///< int: the row in the Document (order added)
        ValueRole,          ///< double: the image's value in valueColumn(); invalid when it has none (or NaN)
    };

    explicit ImageListModel(Document &document, const ResultCache *cache = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    void setDevicePixelRatio(qreal ratio);
    /// Which per-image value (Document::values() column) ValueRole gives; -1 = none.
    void setValueColumn(int column);
    int valueColumn() const { return m_valueColumn; }

    /// Fast accessors for the filter proxy (no QVariant): the top class (-1 = none yet), its probability (NaN = none
    /// yet) and the value of valueColumn() (NaN = none) of `row`.
    int predictedAt(int row) const { return m_predicted.value(row, -1); }
    double confidenceAt(int row) const;
    double valueAt(int row) const;

public Q_SLOTS:
    /// The cache's predictions changed as a whole (cleared, another model selected): every row is looked up again.
    void refreshPredictions();
    /// Predictions arrived in the cache: the rows that had none are looked up again.
    void refreshNewPredictions();
    /// The same, coalesced: at most one refresh per 200 ms however many prediction batches arrive (each refresh
    /// re-sorts and re-filters the browser, which takes a while at 50,000 rows).
    void schedulePredictionRefresh();

public:
    /// A coalesced refresh is waiting for its turn (tests wait for it like for the jobs).
    bool hasPendingRefresh() const { return m_refreshTimer.isActive(); }

private:
    QString toolTip(int row) const;
    /// The selected model's predictions in the cache; null when none.
    const ResultCache::ModelPredictions *knownPredictions() const;
    /// The top class and probability of `row` in `known`.
    std::pair<int, float> lookUpPrediction(int row, const ResultCache::ModelPredictions *known) const;
    QPixmap thumbnailPixmap(const ImageRecord &record) const;

    Document &m_document;
    const ResultCache *m_cache;
    qreal m_devicePixelRatio = 1.0;
    int m_valueColumn = -1;
    QVector<int> m_predicted;    ///< per row: the top class (-1: not predicted yet), kept in step with the rows
    QVector<float> m_confidence; ///< per row: its probability
    QTimer m_refreshTimer;
    QElapsedTimer m_sinceRefresh;
};

} // namespace bcos::widgets
