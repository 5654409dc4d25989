#pragma once

#include "widgets/export/gridexporter.h"

#include <QTableView>

namespace bcos::widgets {

/// The explanation grid: image cells drawn at the cell size (sharp on high-DPI screens); unavailable
/// columns show what they need. selection() turns the selected cells into an export selection.
class ExplanationGridView : public QTableView {
    Q_OBJECT
public:
    explicit ExplanationGridView(QWidget *parent = nullptr);

    /// Document rows x columns covered by the selected cells (empty when nothing is selected); rows are mapped
    /// through the view's row-order proxy when it has one.
    GridSelection selection() const;
    void setCellSide(int side);
    int cellSide() const { return m_cellSide; }

private:
    int m_cellSide = 192;
};

} // namespace bcos::widgets
