#pragma once

#include <QStyledItemDelegate>

namespace bcos::widgets {

/// Paints a grid cell: the ImageRole image scaled to fit (aspect kept, smooth), or the DisplayRole
/// text (what an unavailable column needs) in the disabled colour.
class ImageCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// Where an image of `imageSize` pixels is drawn in a cell at `cellRect` (logical pixels): inset by the
    /// margin, scaled to fit with its aspect ratio kept, centred. Mouse positions map to image pixels through it.
    static QRect imageRect(const QRect &cellRect, const QSize &imageSize);
};

} // namespace bcos::widgets
