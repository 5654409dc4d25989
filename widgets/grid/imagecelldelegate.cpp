#include "imagecelldelegate.h"

#include "widgets/grid/explanationgridmodel.h"

#include <QApplication>
#include <QPainter>

namespace bcos::widgets {

QRect ImageCellDelegate::imageRect(const QRect &cellRect, const QSize &imageSize)
{
    const QRect cell = cellRect.adjusted(3, 3, -3, -3);
    const QSize fitted = imageSize.scaled(cell.size(), Qt::KeepAspectRatio);
    return {cell.center() - QPoint(fitted.width() / 2, fitted.height() / 2), fitted};
}

void ImageCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QImage image = index.data(ExplanationGridModel::ImageRole).value<QImage>();
    if (image.isNull()) {
        opt.palette.setCurrentColorGroup(QPalette::Disabled);
        opt.displayAlignment = Qt::AlignCenter;
        opt.features |= QStyleOptionViewItem::WrapText;
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        return;
    }
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    // The painter maps to device pixels, so drawing the full-resolution image into the logical rect keeps
    // it sharp on high-DPI screens.
    const QRect target = imageRect(option.rect, image.size());
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(target, image);
    painter->restore();
}

} // namespace bcos::widgets
