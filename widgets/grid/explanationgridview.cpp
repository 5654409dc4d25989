#include "explanationgridview.h"

#include "widgets/grid/imagecelldelegate.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <set>

namespace bcos::widgets {
namespace {

constexpr int kRowHeaderMinimumCap = 160; // px: the row headers' width limit in a narrow view

} // namespace

ExplanationGridView::ExplanationGridView(QWidget *parent)
    : QTableView(parent)
{
    setItemDelegate(new ImageCellDelegate(this));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setTextElideMode(Qt::ElideRight);
    horizontalHeader()->setMinimumHeight(2 * fontMetrics().height() + 8); // title + requirement
    verticalHeader()->setMaximumWidth(kRowHeaderMinimumCap);
    setWordWrap(true);
    setCellSide(m_cellSide);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ExplanationGridView::noteVisibleRowsChanged);
}

void ExplanationGridView::resizeEvent(QResizeEvent *event)
{
    // Row headers (name, each model's class and confidence) as wide as their text, up to a quarter of the view: a
    // fixed 160 px cut "Fine-tuned: Ankle boot 98.6 %" after "98.6 ", and a long file name still leaves the cells room.
    verticalHeader()->setMaximumWidth(std::max(kRowHeaderMinimumCap, width() / 4));
    QTableView::resizeEvent(event);
    noteVisibleRowsChanged();
}

void ExplanationGridView::noteVisibleRowsChanged()
{
    if (m_visibleChangePending)
        return;
    m_visibleChangePending = true;
    QTimer::singleShot(0, this, [this] {
        m_visibleChangePending = false;
        Q_EMIT visibleRowsChanged();
    });
}

void ExplanationGridView::showColumn(int section)
{
    if (!model() || section < 0 || section >= model()->columnCount() || model()->rowCount() == 0)
        return;
    const int left = horizontalHeader()->sectionViewportPosition(section);
    if (left >= 0 && left + horizontalHeader()->sectionSize(section) <= viewport()->width())
        return; // on screen already
    // The top row on screen: EnsureVisible then moves sideways only.
    scrollTo(model()->index(std::max(0, rowAt(0)), section), QAbstractItemView::EnsureVisible);
}

QList<int> ExplanationGridView::visibleSourceRows() const
{
    if (!model() || model()->rowCount() == 0)
        return {};
    const int height = viewport()->height();
    int first = rowAt(0), last = rowAt(height - 1);
    if (first < 0)
        first = 0;
    if (last < 0)
        last = model()->rowCount() - 1;
    const int page = last - first + 1; // one screenful of margin on each side: scrolling finds them ready
    first = std::max(0, first - page);
    last = std::min(model()->rowCount() - 1, last + page);
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    QList<int> rows;
    for (int row = first; row <= last; ++row)
        rows << (proxy ? proxy->mapToSource(proxy->index(row, 0)).row() : row);
    return rows;
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
