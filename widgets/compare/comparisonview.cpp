#include "comparisonview.h"

#include "widgets/grid/explanationgridmodel.h"
#include "widgets/compare/syncedzoomgroup.h"
#include "widgets/session/viewcolumn.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace bcos::widgets {

ComparisonView::ComparisonView(ExplanationGridModel &grid, QWidget *parent)
    : QWidget(parent)
    , m_grid(grid)
    , m_zoom(new SyncedZoomGroup(this))
{
    setWindowTitle(tr("Compare"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createToolBar());
    m_paneLayout = new QHBoxLayout;
    layout->addLayout(m_paneLayout, 1);
    connect(m_zoom, &SyncedZoomGroup::zoomChanged, this,
            [this](double scale) { m_zoomLabel->setText(tr("%1 %").arg(qRound(scale * 100))); });
    connect(&grid, &QAbstractItemModel::dataChanged, this, &ComparisonView::refresh);
    connect(&grid, &QAbstractItemModel::headerDataChanged, this, &ComparisonView::refresh);
    connect(&grid, &QAbstractItemModel::modelReset, this, &ComparisonView::refresh);
    connect(&grid, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
    connect(&grid, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    resize(1100, 420);
    setColumns(defaultColumns());
}

ComparisonView::~ComparisonView() = default;

QStringList ComparisonView::defaultColumns()
{
    return {QStringLiteral("input"), QStringLiteral("gradcam_standard"), QStringLiteral("gradcam"),
            QStringLiteral("wxx")};
}

QWidget *ComparisonView::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->addAction(tr("Zoom in"), m_zoom, &SyncedZoomGroup::zoomIn)->setToolTip(tr("Zoom in (+, wheel)"));
    bar->addAction(tr("Zoom out"), m_zoom, &SyncedZoomGroup::zoomOut)->setToolTip(tr("Zoom out (-, wheel)"));
    bar->addAction(tr("Fit"), m_zoom, &SyncedZoomGroup::fit)->setToolTip(tr("Fit the image into the panes (0)"));
    bar->addAction(tr("100 %"), m_zoom, &SyncedZoomGroup::actualSize)->setToolTip(tr("Actual pixels (1)"));
    m_zoomLabel = new QLabel(tr("%1 %").arg(100), bar);
    m_zoomLabel->setMinimumWidth(m_zoomLabel->fontMetrics().horizontalAdvance(QStringLiteral("00000 %")));
    bar->addWidget(m_zoomLabel);
    bar->addSeparator();
    m_columnButton = new QToolButton(bar);
    m_columnButton->setText(tr("Panes"));
    m_columnButton->setToolTip(tr("Choose the grid columns shown side by side"));
    m_columnButton->setPopupMode(QToolButton::InstantPopup);
    m_columnButton->setMenu(new QMenu(m_columnButton));
    connect(m_columnButton->menu(), &QMenu::aboutToShow, this, &ComparisonView::updateColumnMenu);
    bar->addWidget(m_columnButton);
    return bar;
}

void ComparisonView::updateColumnMenu()
{
    QMenu *menu = m_columnButton->menu();
    menu->clear();
    const QStringList shown = columns();
    for (int c = 0; c < m_grid.columnCount(); ++c) {
        const QString id = m_grid.column(c).id;
        QAction *action = menu->addAction(m_grid.column(c).title);
        action->setCheckable(true);
        action->setChecked(shown.contains(id));
        connect(action, &QAction::toggled, this, [this, id](bool on) {
            QStringList ids;
            for (int k = 0; k < m_grid.columnCount(); ++k) { // keep the grid's order
                const QString other = m_grid.column(k).id;
                if (other == id ? on : columns().contains(other))
                    ids << other;
            }
            setColumns(ids);
        });
    }
}

int ComparisonView::gridColumn(const QString &id) const
{
    for (int c = 0; c < m_grid.columnCount(); ++c)
        if (m_grid.column(c).id == id)
            return c;
    return -1;
}

ComparisonView::Pane ComparisonView::createPane(const QString &columnId)
{
    Pane pane;
    pane.columnId = columnId;
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    pane.title = new QLabel(box);
    pane.title->setAlignment(Qt::AlignCenter);
    pane.title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // equal pane widths
    pane.scene = new QGraphicsScene(box);
    pane.view = new QGraphicsView(pane.scene, box);
    pane.view->setBackgroundBrush(palette().dark());
    pane.view->setMinimumSize(120, 120);
    pane.view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    pane.pixmap = pane.scene->addPixmap({});
    pane.pixmap->setTransformationMode(Qt::FastTransformation); // zoomed in, the map's pixels stay visible
    // A child of the view above its viewport: viewport children would scroll with the contents.
    pane.note = new QLabel(pane.view);
    pane.note->setMargin(6);
    pane.note->setAutoFillBackground(true);
    const int inset = pane.view->frameWidth();
    pane.note->move(inset, inset);
    layout->addWidget(pane.title);
    layout->addWidget(pane.view, 1);
    m_paneLayout->addWidget(box, 1);
    return pane;
}

void ComparisonView::clearPanes()
{
    for (Pane &pane : m_panes) {
        m_zoom->removeView(pane.view);
        delete pane.view->parentWidget(); // the pane's box, with its scene
    }
    m_panes.clear();
}

void ComparisonView::setColumns(const QStringList &columnIds)
{
    clearPanes();
    for (const QString &id : columnIds)
        m_panes.append(createPane(id));
    refresh();
    for (const Pane &pane : m_panes)
        m_zoom->addView(pane.view);
    m_zoom->fit();
}

QStringList ComparisonView::columns() const
{
    QStringList ids;
    for (const Pane &pane : m_panes)
        ids << pane.columnId;
    return ids;
}

void ComparisonView::setRow(int row)
{
    m_row = row >= 0 && row < m_grid.rowCount() ? row : -1;
    refresh();
}

void ComparisonView::onRowsRemoved(int first, int last)
{
    if (m_row >= first && m_row <= last)
        m_row = -1;
    else if (m_row > last)
        m_row -= last - first + 1;
    refresh();
}

void ComparisonView::onRowsInserted(int first, int last)
{
    if (m_row >= first)
        m_row += last - first + 1;
    refresh();
}

void ComparisonView::refresh()
{
    if (m_row >= m_grid.rowCount())
        m_row = -1;
    setWindowTitle(m_row < 0 ? tr("Compare") : tr("Compare — %1").arg(m_grid.rowHeader(m_row)));
    // One scene rect for all panes (the model input's size), so equal scroll values mean equal views.
    const QImage input = m_row < 0 ? QImage() : m_grid.cellImage(m_row, gridColumn(QStringLiteral("input")));
    const QRectF sceneRect = input.isNull() ? QRectF(0, 0, 64, 64) : QRectF(input.rect());
    const bool resized = !m_panes.isEmpty() && m_panes.front().scene->sceneRect() != sceneRect;
    for (Pane &pane : m_panes)
        showInPane(pane, sceneRect);
    if (resized && m_zoom->isFitting())
        m_zoom->fit();
}

void ComparisonView::showInPane(Pane &pane, const QRectF &sceneRect)
{
    const int c = gridColumn(pane.columnId);
    pane.title->setText(c < 0 ? pane.columnId : m_grid.column(c).title);
    QString note;
    pane.image = {};
    if (m_row < 0)
        note = tr("No image: choose Compare on a grid row");
    else if (c < 0)
        note = tr("The grid has no column “%1”").arg(pane.columnId);
    else if (!m_grid.column(c).available)
        note = m_grid.column(c).requirement;
    else if ((pane.image = m_grid.cellImage(m_row, c)).isNull())
        note = tr("Computing…");
    pane.scene->setSceneRect(sceneRect);
    pane.pixmap->setPixmap(pane.image.isNull() ? QPixmap() : QPixmap::fromImage(pane.image));
    pane.note->setText(note);
    pane.note->adjustSize();
    pane.note->setVisible(!note.isEmpty());
    pane.note->raise();
}

QGraphicsView *ComparisonView::paneView(int pane) const
{
    return m_panes.value(pane).view;
}

QImage ComparisonView::paneImage(int pane) const
{
    return m_panes.value(pane).image;
}

QString ComparisonView::paneNote(int pane) const
{
    const Pane p = m_panes.value(pane);
    return p.note && !p.note->isHidden() ? p.note->text() : QString();
}

QString ComparisonView::paneTitle(int pane) const
{
    const Pane p = m_panes.value(pane);
    return p.title ? p.title->text() : QString();
}

} // namespace bcos::widgets
