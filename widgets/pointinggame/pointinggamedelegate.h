#pragma once

#include "widgets/grid/imagecelldelegate.h"

namespace bcos::widgets {

class PointingGameTool;

/// The grid's cell painter with the pointing game on top: an image's box on every cell of its row (scaled
/// from Input pixels to the cell) and, on the explanation cells, the share of positive attribution inside it.
class PointingGameDelegate : public ImageCellDelegate {
    Q_OBJECT
public:
    PointingGameDelegate(const PointingGameTool &tool, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const PointingGameTool &m_tool;
};

} // namespace bcos::widgets
