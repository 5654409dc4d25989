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
};

} // namespace bcos::widgets
