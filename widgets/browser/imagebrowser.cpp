#include "imagebrowser.h"

#include "widgets/session/imagerecord.h"

#include <QAbstractProxyModel>
#include <algorithm>

namespace bcos::widgets {

ImageBrowser::ImageBrowser(QWidget *parent)
    : QListView(parent)
{
    setViewMode(QListView::IconMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    const int side = ImageRecord::thumbnailSide() / 2; // logical pixels; thumbnails carry 2x for high DPI
    setIconSize(QSize(side, side));
    setGridSize(QSize(side + 24, side + 36));
    setWordWrap(true);
    setDropIndicatorShown(false);
    setToolTip(tr("Drop images or folders here"));
}

QList<int> ImageBrowser::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : selectionModel()->selectedIndexes())
        rows << sourceRow(index);
    std::sort(rows.begin(), rows.end());
    return rows;
}

int ImageBrowser::sourceRow(const QModelIndex &index) const
{
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    return proxy ? proxy->mapToSource(index).row() : index.row();
}

} // namespace bcos::widgets
