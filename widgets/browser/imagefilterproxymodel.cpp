#include "imagefilterproxymodel.h"

#include "widgets/browser/imagelistmodel.h"

#include <cmath>


namespace bcos::widgets {

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
    const int label = index.data(ImageListModel::LabelRole).toInt();
    const int predicted = index.data(ImageListModel::PredictedClassRole).toInt();
    if (m_trueClass >= 0 && label != m_trueClass)
        return false;
    if (m_predictedClass >= 0 && predicted != m_predictedClass)
        return false;
    if (!std::isnan(m_valueMin) || !std::isnan(m_valueMax)) {
        const QVariant value = index.data(ImageListModel::ValueRole);
        if (!value.isValid() || (!std::isnan(m_valueMin) && value.toDouble() < m_valueMin)
            || (!std::isnan(m_valueMax) && value.toDouble() > m_valueMax))
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
    const int orderA = a.data(ImageListModel::OrderRole).toInt();
    const int orderB = b.data(ImageListModel::OrderRole).toInt();
    switch (m_sortKey) {
    case BrowserSortKey::Order:
        return orderA < orderB;
    case BrowserSortKey::Name: {
        const int c = a.data(Qt::DisplayRole).toString().compare(b.data(Qt::DisplayRole).toString(), Qt::CaseInsensitive);
        return c != 0 ? c < 0 : orderA < orderB;
    }
    case BrowserSortKey::Confidence:
    case BrowserSortKey::Value: {
        const int role = m_sortKey == BrowserSortKey::Value ? ImageListModel::ValueRole : ImageListModel::ConfidenceRole;
        const QVariant ca = a.data(role);
        const QVariant cb = b.data(role);
        // Rows without a prediction (value) compare as the lowest; ties keep the order added.
        constexpr double lowest = -std::numeric_limits<double>::infinity();
        const double va = ca.isValid() ? ca.toDouble() : lowest;
        const double vb = cb.isValid() ? cb.toDouble() : lowest;
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
