#include "explanationgridview.h"

#include "widgets/grid/imagecelldelegate.h"

#include <QAbstractProxyModel>
#include <QHeaderView>

#include <set>

namespace bcos::widgets {

ExplanationGridView::ExplanationGridView(QWidget *parent)
    : QTableView(parent)
{
    setItemDelegate(new ImageCellDelegate(this));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setTextElideMode(Qt::ElideRight);
    horizontalHeader()->setMinimumHeight(2 * fontMetrics().height() + 8); // title + requirement
    verticalHeader()->setMaximumWidth(160);
    setWordWrap(true);
    setCellSide(m_cellSide);
}

void ExplanationGridView::setCellSide(int side)
{
    m_cellSide = side;
    horizontalHeader()->setDefaultSectionSize(side);
    verticalHeader()->setDefaultSectionSize(side);
}

GridSelection ExplanationGridView::selection() const
{
    std::set<int> rows;
    std::set<int> columns;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    for (const QModelIndex &index : selectionModel()->selectedIndexes()) {
        rows.insert(proxy ? proxy->mapToSource(index).row() : index.row()); // Document rows for the exporter
        columns.insert(index.column());
    }
    GridSelection selection;
    selection.rows = QVector<int>(rows.begin(), rows.end());
    selection.columns = QVector<int>(columns.begin(), columns.end());
    return selection;
}

} // namespace bcos::widgets
