#include "imagefilterproxymodel.h"

#include "widgets/browser/imagelistmodel.h"

#include <cmath>


namespace bcos::widgets {
namespace {

/// A QVariant's number; NaN when invalid (no prediction, no value).
double numberOf(const QVariant &value)
{
    return value.isValid() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

ImageFilterProxyModel::ImageFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true); // predictions arriving re-filter and re-sort
    sort(0, Qt::AscendingOrder);
}

void ImageFilterProxyModel::setCorrectness(CorrectnessFilter filter)
{
    m_correctness = filter;
    apply();
}

void ImageFilterProxyModel::setTrueClass(int label)
{
    m_trueClass = label;
    apply();
}

void ImageFilterProxyModel::setPredictedClass(int label)
{
    m_predictedClass = label;
    apply();
}

void ImageFilterProxyModel::setValueRange(double min, double max)
{
    m_valueMin = min;
    m_valueMax = max;
    apply();
}

void ImageFilterProxyModel::valuesChanged()
{
    invalidate();
    Q_EMIT criteriaChanged();
}

void ImageFilterProxyModel::setSorting(BrowserSortKey key, Qt::SortOrder order)
{
    m_sortKey = key;
    invalidate(); // the comparison changed even when the order did not
    sort(0, order);
    Q_EMIT criteriaChanged();
}

void ImageFilterProxyModel::apply()
{
    invalidateFilter();
    Q_EMIT criteriaChanged();
}

bool ImageFilterProxyModel::acceptsSourceRow(int sourceRow) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return false;
    const QModelIndex index = source->index(sourceRow, 0);
    const auto *list = qobject_cast<const ImageListModel *>(source); // fast path: no QVariant per row
    const int label = index.data(ImageListModel::LabelRole).toInt();
    const int predicted = list ? list->predictedAt(sourceRow) : index.data(ImageListModel::PredictedClassRole).toInt();
    if (m_trueClass >= 0 && label != m_trueClass)
        return false;
    if (m_predictedClass >= 0 && predicted != m_predictedClass)
        return false;
    if (!std::isnan(m_valueMin) || !std::isnan(m_valueMax)) {
        const double value = list ? list->valueAt(sourceRow) : numberOf(index.data(ImageListModel::ValueRole));
        if (std::isnan(value) || (!std::isnan(m_valueMin) && value < m_valueMin)
            || (!std::isnan(m_valueMax) && value > m_valueMax))
            return false;
    }
    switch (m_correctness) {
    case CorrectnessFilter::All: return true;
    case CorrectnessFilter::Unlabelled: return label < 0;
    case CorrectnessFilter::Correct: return label >= 0 && predicted >= 0 && predicted == label;
    case CorrectnessFilter::Incorrect: return label >= 0 && predicted >= 0 && predicted != label;
    }
    return true;
}

bool ImageFilterProxyModel::sourceRowLessThan(int left, int right) const
{
    const QModelIndex a = sourceModel()->index(left, 0);
    const QModelIndex b = sourceModel()->index(right, 0);
    const auto *list = qobject_cast<const ImageListModel *>(sourceModel());
    const int orderA = list ? left : a.data(ImageListModel::OrderRole).toInt(); // the list's order is its row
    const int orderB = list ? right : b.data(ImageListModel::OrderRole).toInt();
    switch (m_sortKey) {
    case BrowserSortKey::Order:
        return orderA < orderB;
    case BrowserSortKey::Name: {
        const int c = a.data(Qt::DisplayRole).toString().compare(b.data(Qt::DisplayRole).toString(), Qt::CaseInsensitive);
        return c != 0 ? c < 0 : orderA < orderB;
    }
    case BrowserSortKey::Confidence:
    case BrowserSortKey::Value: {
        // Rows without a prediction (value) compare as the lowest; ties keep the order added. The list model's
        // arrays are read directly: sorting 50,000 rows makes ~1.6 million of these calls.
        const bool value = m_sortKey == BrowserSortKey::Value;
        const auto number = [&](int row, const QModelIndex &index) {
            if (list)
                return value ? list->valueAt(row) : list->confidenceAt(row);
            return numberOf(index.data(value ? ImageListModel::ValueRole : ImageListModel::ConfidenceRole));
        };
        constexpr double lowest = -std::numeric_limits<double>::infinity();
        double va = number(left, a), vb = number(right, b);
        va = std::isnan(va) ? lowest : va;
        vb = std::isnan(vb) ? lowest : vb;
        return va != vb ? va < vb : orderA < orderB;
    }
    }
    return orderA < orderB;
}

bool ImageFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && acceptsSourceRow(sourceRow);
}

bool ImageFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return sourceRowLessThan(left.row(), right.row());
}

} // namespace bcos::widgets
