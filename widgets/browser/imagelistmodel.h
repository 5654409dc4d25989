#pragma once

#include <QAbstractListModel>

namespace bcos::widgets {

class Document;
class ResultCache;

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

public Q_SLOTS:
    /// Predictions arrived in the cache (or it was cleared): the prediction roles of every row changed.
    void refreshPredictions();

private:
    QString toolTip(int row) const;

    Document &m_document;
    const ResultCache *m_cache;
    qreal m_devicePixelRatio = 1.0;
    int m_valueColumn = -1;
};

} // namespace bcos::widgets
