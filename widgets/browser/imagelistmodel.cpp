#include "imagelistmodel.h"

#include "widgets/session/document.h"
#include "widgets/jobs/resultcache.h"

#include <QPixmap>
#include <QPixmapCache>

#include <cmath>
#include <limits>
#include <tuple>

namespace bcos::widgets {

ImageListModel::ImageListModel(Document &document, const ResultCache *cache, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_cache(cache)
{
    connect(&document, &Document::imagesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&document, &Document::imagesInserted, this, [this](int first, int last) {
        const auto *known = knownPredictions();
        for (int row = first; row <= last; ++row) { // cached predictions (a model seen before) come along
            const auto [predicted, confidence] = lookUpPrediction(row, known);
            m_predicted.insert(row, predicted);
            m_confidence.insert(row, confidence);
        }
        endInsertRows();
    });
    connect(&document, &Document::imagesAboutToBeRemoved, this, [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_predicted.remove(first, last - first + 1);
        m_confidence.remove(first, last - first + 1);
    });
    connect(&document, &Document::imagesRemoved, this, &ImageListModel::endRemoveRows);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ImageListModel::refreshNewPredictions);
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

const ResultCache::ModelPredictions *ImageListModel::knownPredictions() const
{
    const LoadedModel *model = m_document.model();
    return m_cache && model ? m_cache->predictions(*model) : nullptr;
}

std::pair<int, float> ImageListModel::lookUpPrediction(int row, const ResultCache::ModelPredictions *known) const
{
    const auto found = known ? known->constFind(m_document.image(row).path) : ResultCache::ModelPredictions::const_iterator();
    if (!known || found == known->constEnd() || found->count == 0)
        return {-1, std::numeric_limits<float>::quiet_NaN()};
    return {found->classes[0], found->probabilities[0]};
}

double ImageListModel::confidenceAt(int row) const
{
    return row >= 0 && row < m_confidence.size() ? m_confidence[row] : std::numeric_limits<double>::quiet_NaN();
}

double ImageListModel::valueAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::numeric_limits<double>::quiet_NaN();
    return m_document.values().value(m_document.image(row).path, m_valueColumn);
}

void ImageListModel::schedulePredictionRefresh()
{
    constexpr qint64 kSpacingMs = 200;
    if (m_refreshTimer.isActive())
        return; // the trailing refresh will show these too
    if (!m_sinceRefresh.isValid() || m_sinceRefresh.elapsed() >= kSpacingMs)
        refreshNewPredictions(); // the first batch after a quiet time shows at once
    else
        m_refreshTimer.start(static_cast<int>(kSpacingMs - m_sinceRefresh.elapsed()));
}

void ImageListModel::refreshPredictions()
{
    m_refreshTimer.stop();
    m_sinceRefresh.start();
    const auto *known = knownPredictions();
    for (int row = 0; row < rowCount(); ++row)
        std::tie(m_predicted[row], m_confidence[row]) = lookUpPrediction(row, known);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {PredictedClassRole, ConfidenceRole, Qt::ToolTipRole});
}

void ImageListModel::refreshNewPredictions()
{
    // The same model's predictions do not change once made (a new model or cache goes through refreshPredictions):
    // only the rows without one are looked up, and only the span of rows that got one is announced.
    m_refreshTimer.stop();
    m_sinceRefresh.start();
    const auto *known = knownPredictions();
    if (!known)
        return;
    int first = -1, last = -1;
    for (int row = 0; row < rowCount(); ++row) {
        if (m_predicted[row] >= 0)
            continue;
        std::tie(m_predicted[row], m_confidence[row]) = lookUpPrediction(row, known);
        if (m_predicted[row] >= 0) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last), {PredictedClassRole, ConfidenceRole, Qt::ToolTipRole});
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
    if (const QString reason = m_document.unreadableReason(record.path); !reason.isEmpty())
        text += tr("\nUnreadable: %1").arg(reason);
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

QPixmap ImageListModel::thumbnailPixmap(const ImageRecord &record) const
{
    // Records hold encoded thumbnails; the rows on screen are decoded (small ones scaled up to fill the icon)
    // into QPixmapCache, which is bounded, so memory does not grow with the number of images.
    const QString key = QStringLiteral("bcos-thumb:%1:%2:%3")
                            .arg(record.path)
                            .arg(qHash(record.thumbnail))
                            .arg(m_devicePixelRatio);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;
    const int side = ImageRecord::thumbnailSide();
    const QImage thumb = record.thumbnailImage();
    const bool small = !thumb.isNull() && thumb.width() < side && thumb.height() < side;
    pixmap = QPixmap::fromImage(small ? thumb.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation) : thumb);
    pixmap.setDevicePixelRatio(m_devicePixelRatio);
    QPixmapCache::insert(key, pixmap);
    return pixmap;
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
    case Qt::DecorationRole:
        return thumbnailPixmap(record);
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
        return predictedAt(index.row());
    case ConfidenceRole: {
        const double confidence = confidenceAt(index.row());
        return std::isnan(confidence) ? QVariant() : QVariant(confidence);
    }
    default:
        return {};
    }
}

} // namespace bcos::widgets
