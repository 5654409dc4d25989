#pragma once

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QGraphicsPixmapItem;
class QGraphicsScene;
class QGraphicsView;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace bcos::widgets {

class ExplanationGridModel;
class SyncedZoomGroup;

/// Before/after for one image of the explanation grid: panes side by side, by default the input, GradCAM
/// of the original (standard) model, GradCAM and W(x)x of the B-cosified model. Each pane shows the grid's
/// cell for its column (computed by ExplanationJobs into the ResultCache; no tensor work here)
/// and follows the grid as results arrive. All panes zoom and pan together (SyncedZoomGroup).
class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(ExplanationGridModel &grid, QWidget *parent = nullptr);
    ~ComparisonView() override;

    /// Column ids of the default panes: "input", "gradcam_standard", "gradcam", "wxx".
    static QStringList defaultColumns();
    /// One pane per grid column id, in this order (ids the grid does not have show a note).
    void setColumns(const QStringList &columnIds);
    QStringList columns() const;
    /// Shows grid row `row` (-1: none). The row follows insertions and removals above it.
    void setRow(int row);
    int row() const { return m_row; }

    int paneCount() const { return static_cast<int>(m_panes.size()); }
    QGraphicsView *paneView(int pane) const;
    /// The image a pane shows; null while it shows a note instead ("Computing…", what the column needs).
    QImage paneImage(int pane) const;
    QString paneNote(int pane) const;
    QString paneTitle(int pane) const;
    SyncedZoomGroup *zoomGroup() const { return m_zoom; }

private:
    struct Pane {
        QString columnId;
        QLabel *title = nullptr;
        QGraphicsScene *scene = nullptr;
        QGraphicsView *view = nullptr;
        QGraphicsPixmapItem *pixmap = nullptr;
        QLabel *note = nullptr; ///< over the view's top-left corner, not in the scene (stays put when panning)
        QImage image;
    };

    QWidget *createToolBar();
    void updateColumnMenu();
    Pane createPane(const QString &columnId);
    void clearPanes();
    void refresh();
    void showInPane(Pane &pane, const QRectF &sceneRect);
    int gridColumn(const QString &id) const;
    void onRowsRemoved(int first, int last);
    void onRowsInserted(int first, int last);

    ExplanationGridModel &m_grid;
    SyncedZoomGroup *m_zoom;
    QHBoxLayout *m_paneLayout = nullptr;
    QToolButton *m_columnButton = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QVector<Pane> m_panes;
    int m_row = -1;
};

} // namespace bcos::widgets
