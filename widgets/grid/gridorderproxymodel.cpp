#include "gridorderproxymodel.h"

#include "widgets/browser/imagefilterproxymodel.h"

namespace bcos::widgets {

GridOrderProxyModel::GridOrderProxyModel(ImageFilterProxyModel &browserOrder, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_browserOrder(&browserOrder)
{
    setDynamicSortFilter(true);
    // The browser's rows re-filter/re-sort when predictions arrive (dataChanged on its source) or its criteria
    // change; the grid's source model does not see those roles, so it follows the browser's layout.
    // Queued: the browser's source changes before the grid's, so the grid must not re-filter mid-insertion.
    connect(&browserOrder, &QAbstractItemModel::layoutChanged, this, &GridOrderProxyModel::follow, Qt::QueuedConnection);
    connect(&browserOrder, &QAbstractItemModel::rowsInserted, this, &GridOrderProxyModel::follow, Qt::QueuedConnection);
    connect(&browserOrder, &QAbstractItemModel::rowsRemoved, this, &GridOrderProxyModel::follow, Qt::QueuedConnection);
    connect(&browserOrder, &ImageFilterProxyModel::criteriaChanged, this, &GridOrderProxyModel::follow,
            Qt::QueuedConnection);
    sort(0, Qt::AscendingOrder);
}

void GridOrderProxyModel::follow()
{
    invalidate();
    sort(0, m_browserOrder ? m_browserOrder->sortOrder() : Qt::AscendingOrder);
}

int GridOrderProxyModel::sourceRow(int proxyRow) const
{
    if (proxyRow < 0 || proxyRow >= rowCount())
        return -1;
    return mapToSource(index(proxyRow, 0)).row();
}

bool GridOrderProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && (!m_browserOrder || m_browserOrder->acceptsSourceRow(sourceRow));
}

bool GridOrderProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return m_browserOrder ? m_browserOrder->sourceRowLessThan(left.row(), right.row()) : left.row() < right.row();
}

} // namespace bcos::widgets
