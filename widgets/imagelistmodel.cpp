#include "imagelistmodel.h"

#include "widgets/document.h"

#include <QPixmap>

namespace bcos::widgets {

ImageListModel::ImageListModel(Document &document, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
{
    connect(&document, &Document::imagesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&document, &Document::imagesInserted, this, &ImageListModel::endInsertRows);
    connect(&document, &Document::imagesAboutToBeRemoved, this,
            [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(&document, &Document::imagesRemoved, this, &ImageListModel::endRemoveRows);
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
        return tr("%1\n%2 × %3 pixels").arg(record.path).arg(record.originalSize.width()).arg(record.originalSize.height());
    case Qt::DecorationRole: {
        QImage thumb = record.thumbnail; // shares the data; only the ratio differs
        thumb.setDevicePixelRatio(m_devicePixelRatio);
        return QPixmap::fromImage(thumb);
    }
    case PathRole:
        return record.path;
    default:
        return {};
    }
}

} // namespace bcos::widgets
