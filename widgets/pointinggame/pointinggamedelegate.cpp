#include "pointinggamedelegate.h"

#include "widgets/grid/explanationgridmodel.h"
#include "widgets/pointinggame/pointinggametool.h"
#include "widgets/session/viewcolumn.h"

#include <QAbstractProxyModel>
#include <QPainter>

namespace bcos::widgets {
namespace {

/// The grid model behind a (possibly proxied) index, and the index in it.
std::pair<const ExplanationGridModel *, QModelIndex> gridSource(const QModelIndex &index)
{
    QModelIndex source = index;
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(source.model()))
        source = proxy->mapToSource(source);
    return {qobject_cast<const ExplanationGridModel *>(source.model()), source};
}

} // namespace

PointingGameDelegate::PointingGameDelegate(const PointingGameTool &tool, QObject *parent)
    : ImageCellDelegate(parent)
    , m_tool(tool)
{
}

void PointingGameDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    ImageCellDelegate::paint(painter, option, index);
    const QString path = index.data(ExplanationGridModel::ImagePathRole).toString();
    const QRect box = m_tool.box(path);
    const QImage image = index.data(ExplanationGridModel::ImageRole).value<QImage>();
    if (box.isNull() || image.isNull())
        return;
    // Input pixels -> the cell's image rectangle (logical pixels, as the image itself is drawn).
    const QRect target = imageRect(option.rect, image.size());
    const double sx = double(target.width()) / image.width();
    const double sy = double(target.height()) / image.height();
    const QRectF drawn(target.x() + box.x() * sx, target.y() + box.y() * sy, box.width() * sx, box.height() * sy);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(QColor(255, 220, 0), 2));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(drawn);
    const auto [grid, source] = gridSource(index);
    const QString text = grid ? m_tool.fractionText(path, grid->column(source.column())) : QString();
    if (!text.isEmpty()) {
        QRect label = painter->fontMetrics().boundingRect(text).adjusted(-4, -2, 4, 2);
        label.moveBottomRight(target.bottomRight());
        painter->fillRect(label, QColor(0, 0, 0, 170));
        painter->setPen(Qt::white);
        painter->drawText(label, Qt::AlignCenter, text);
    }
    painter->restore();
}

} // namespace bcos::widgets
