#include "imagelistmodel.h"

#include "widgets/session/document.h"
#include "widgets/jobs/resultcache.h"

#include <QPixmap>

#include <cmath>

namespace bcos::widgets {

ImageListModel::ImageListModel(Document &document, const ResultCache *cache, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_cache(cache)
{
    connect(&document, &Document::imagesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&document, &Document::imagesInserted, this, &ImageListModel::endInsertRows);
    connect(&document, &Document::imagesAboutToBeRemoved, this,
            [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(&document, &Document::imagesRemoved, this, &ImageListModel::endRemoveRows);
    connect(&document, &Document::modelChanged, this, &ImageListModel::refreshPredictions);
    connect(&document, &Document::selectedModelChanged, this, &ImageListModel::refreshPredictions);
    connect(&document.values(), &ImageValues::changed, this, [this] {
        if (m_valueColumn >= m_document.values().columns().size())
            m_valueColumn = -1;
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {ValueRole, Qt::ToolTipRole});
    });
}

void ImageListModel::setValueColumn(int column)
{
    m_valueColumn = column >= 0 && column < m_document.values().columns().size() ? column : -1;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {ValueRole});
}

void ImageListModel::refreshPredictions()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {PredictedClassRole, ConfidenceRole, Qt::ToolTipRole});
}

QString ImageListModel::toolTip(int row) const
{
    const ImageRecord &record = m_document.image(row);
    QString text = tr("%1\n%2 × %3 pixels").arg(record.path).arg(record.originalSize.width()).arg(record.originalSize.height());
    const LoadedModel *model = m_document.model();
    auto className = [model](int k) {
        return model ? QString::fromStdString(model->description.className(k)) : QString::number(k);
    };
    if (record.label >= 0)
        text += tr("\nLabel: %1").arg(className(record.label));
    const QVariant predicted = data(index(row), PredictedClassRole);
    if (predicted.toInt() >= 0)
        text += tr("\nPredicted: %1 (%2 %)").arg(className(predicted.toInt()))
                    .arg(data(index(row), ConfidenceRole).toDouble() * 100.0, 0, 'f', 1);
    const ImageValues &values = m_document.values();
    for (int c = 0; c < values.columns().size(); ++c)
        if (const double v = values.value(record.path, c); !std::isnan(v))
            text += QStringLiteral("\n%1: %2").arg(values.columns()[c].name).arg(v, 0, 'g', 4);
    return text;
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document.imageCount();
}

void ImageListModel::setDevicePixelRatio(qreal ratio)
{
    m_devicePixelRatio = ratio > 0 ? ratio : 1.0;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole});
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_document.imageCount())
        return {};
    const ImageRecord &record = m_document.image(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return record.name;
    case Qt::ToolTipRole:
        return toolTip(index.row());
    case Qt::DecorationRole: {
        QImage thumb = record.thumbnail; // shares the data; only the ratio differs
        thumb.setDevicePixelRatio(m_devicePixelRatio);
        return QPixmap::fromImage(thumb);
    }
    case PathRole:
        return record.path;
    case LabelRole:
        return record.label;
    case OrderRole:
        return index.row();
    case ValueRole: {
        const double value = m_document.values().value(record.path, m_valueColumn);
        return std::isnan(value) ? QVariant() : QVariant(value);
    }
    case PredictedClassRole:
    case ConfidenceRole: {
        const LoadedModel *model = m_document.model();
        const QVector<ClassScore> top = m_cache && model ? m_cache->prediction(record.path, *model) : QVector<ClassScore>();
        if (top.isEmpty())
            return role == PredictedClassRole ? QVariant(-1) : QVariant();
        return role == PredictedClassRole ? QVariant(top.first().index) : QVariant(top.first().probability);
    }
    default:
        return {};
    }
}

} // namespace bcos::widgets
