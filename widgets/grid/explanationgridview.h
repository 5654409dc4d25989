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
    /// The Document rows on screen and a screenful above and below (through the row-order proxy): the rows whose
    /// explanations a large session computes (ExplanationJobs::setWantedRows).
    QList<int> visibleSourceRows() const;
    /// Scrolls sideways (only) until column `section` is on screen, e.g. a prompt's column just added after a row
    /// of columns a CLIP model cannot fill; nothing for an invalid section.
    void showColumn(int section);

Q_SIGNALS:
    /// The rows on screen may have changed (scrolling, resizing, sorting, rows added); coalesced per event-loop turn.
    void visibleRowsChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void noteVisibleRowsChanged();

    int m_cellSide = 192;
    bool m_visibleChangePending = false;
};

} // namespace bcos::widgets
