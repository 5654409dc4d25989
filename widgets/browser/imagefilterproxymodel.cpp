#include "imagefilterproxymodel.h"

#include "widgets/browser/imagelistmodel.h"


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
    case BrowserSortKey::Confidence: {
        const QVariant ca = a.data(ImageListModel::ConfidenceRole);
        const QVariant cb = b.data(ImageListModel::ConfidenceRole);
        // Unpredicted rows compare as the lowest confidence; ties keep the order added.
        const double va = ca.isValid() ? ca.toDouble() : -1.0;
        const double vb = cb.isValid() ? cb.toDouble() : -1.0;
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
