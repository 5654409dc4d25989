#include "pointinggametool.h"

#include "core/error.h"
#include "core/eval/pointinggame.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/grid/imagecelldelegate.h"
#include "widgets/pointinggame/pointinggamedelegate.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/viewcolumn.h"

#include <QAction>
#include <QFileInfo>
#include <QHeaderView>
#include <QMouseEvent>
#include <QRubberBand>
#include <QTableWidget>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>

namespace bcos::widgets {
namespace {

/// One map to score: where its outcome goes, the map [H, W] and the box.
struct PointingJob {
    QString outcomeKey;
    at::Tensor map;
};

} // namespace

PointingGameTool::PointingGameTool(Document &document, TaskRunner &runner, ResultCache &cache, ExplanationGridView &grid,
                                   QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_cache(cache)
    , m_grid(grid)
    , m_action(new QAction(tr("Pointing game"), this))
    , m_table(new QTableWidget(0, 2))
    , m_jobs(runner, JobScheduler::Concurrency::Parallel)
{
    m_action->setObjectName(QStringLiteral("pointingGame"));
    m_action->setCheckable(true);
    m_action->setToolTip(tr("Pointing game: drag a box on an Input cell; each view shows the share of its positive "
                            "attribution inside the box"));
    m_table->setObjectName(QStringLiteral("pointingGameTable"));
    m_table->setHorizontalHeaderLabels({tr("View"), tr("Positive attribution in box")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    grid.setItemDelegate(new PointingGameDelegate(*this, &grid));
    grid.viewport()->installEventFilter(this);
    connect(m_action, &QAction::toggled, this, &PointingGameTool::setActive);
    connect(this, &PointingGameTool::resultsChanged, this, &PointingGameTool::fillTable);
    connect(this, &PointingGameTool::resultsChanged, grid.viewport(), qOverload<>(&QWidget::update));
    // New view settings are new cache keys; a new model clears the cache: both mean new maps to wait for.
    connect(&document, &Document::columnsChanged, this, &PointingGameTool::recomputeAll, Qt::QueuedConnection);
    connect(&document, &Document::modelChanged, this, [this] {
        m_outcomes.clear();
        QTimer::singleShot(0, this, &PointingGameTool::recomputeAll);
    });
    fillTable();
}

PointingGameTool::~PointingGameTool()
{
    if (m_table && !m_table->parent())
        delete m_table.data();
}

QTableWidget *PointingGameTool::table() const
{
    return m_table.data();
}

void PointingGameTool::setActive(bool active)
{
    m_grid.viewport()->setCursor(active ? Qt::CrossCursor : Qt::ArrowCursor);
    if (!active && m_band)
        m_band->hide();
    m_dragIndex = QPersistentModelIndex();
}

QRect PointingGameTool::imageBox(const QPointF &from, const QPointF &to, const QRect &imageRect, const QSize &imageSize)
{
    const QRectF drag = QRectF(from, to).normalized() & QRectF(imageRect);
    if (drag.width() <= 0 || drag.height() <= 0 || imageRect.isEmpty() || imageSize.isEmpty())
        return {};
    // Logical viewport pixels -> image pixels; the delegate draws the image into the same logical rectangle,
    // so neither the cell size nor the screen's device pixel ratio enters.
    const double sx = double(imageSize.width()) / imageRect.width();
    const double sy = double(imageSize.height()) / imageRect.height();
    const int x0 = std::clamp(int(std::floor((drag.left() - imageRect.x()) * sx)), 0, imageSize.width());
    const int y0 = std::clamp(int(std::floor((drag.top() - imageRect.y()) * sy)), 0, imageSize.height());
    const int x1 = std::clamp(int(std::ceil((drag.right() - imageRect.x()) * sx)), 0, imageSize.width());
    const int y1 = std::clamp(int(std::ceil((drag.bottom() - imageRect.y()) * sy)), 0, imageSize.height());
    if (x1 <= x0 || y1 <= y0)
        return {};
    return {x0, y0, x1 - x0, y1 - y0};
}

QString PointingGameTool::formatFraction(double fraction)
{
    return tr("%1 %").arg(fraction * 100.0, 0, 'f', 1);
}

bool PointingGameTool::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_grid.viewport() || !m_action->isChecked())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        return mouse->button() == Qt::LeftButton && beginDrag(mouse->position());
    }
    case QEvent::MouseMove:
        if (!m_dragIndex.isValid())
            return false;
        m_band->setGeometry(QRectF(m_dragStart, static_cast<QMouseEvent *>(event)->position()).normalized().toRect()
                            & m_grid.visualRect(m_dragIndex));
        return true;
    case QEvent::MouseButtonRelease:
        if (!m_dragIndex.isValid())
            return false;
        endDrag(static_cast<QMouseEvent *>(event)->position());
        return true;
    case QEvent::MouseButtonDblClick:
        return true; // no header/cell actions while drawing
    default:
        return QObject::eventFilter(watched, event);
    }
}

bool PointingGameTool::beginDrag(const QPointF &position)
{
    const QModelIndex index = m_grid.indexAt(position.toPoint());
    if (!index.isValid() || index.data(ExplanationGridModel::ColumnIdRole).toString() != QLatin1String("input")
        || index.data(ExplanationGridModel::ImageRole).value<QImage>().isNull())
        return false;
    m_dragIndex = index;
    m_dragStart = position;
    if (!m_band)
        m_band = new QRubberBand(QRubberBand::Rectangle, m_grid.viewport());
    m_band->setGeometry(QRect(position.toPoint(), QSize()));
    m_band->show();
    return true;
}

void PointingGameTool::endDrag(const QPointF &position)
{
    const QModelIndex index = m_dragIndex;
    m_dragIndex = QPersistentModelIndex();
    m_band->hide();
    if (!index.isValid())
        return;
    const QImage image = index.data(ExplanationGridModel::ImageRole).value<QImage>();
    const QRect imageRect = ImageCellDelegate::imageRect(m_grid.visualRect(index), image.size());
    setBox(index.data(ExplanationGridModel::ImagePathRole).toString(),
           imageBox(m_dragStart, position, imageRect, image.size()));
}

void PointingGameTool::setBox(const QString &imagePath, const QRect &box)
{
    if (box.isNull())
        m_boxes.remove(imagePath);
    else
        m_boxes.insert(imagePath, box);
    m_shownImage = imagePath;
    compute(imagePath);
    Q_EMIT resultsChanged();
}

QString PointingGameTool::outcomeKey(const QString &imagePath, const ViewColumn &column) const
{
    const auto model = m_document.modelFor(column);
    const QRect box = m_boxes.value(imagePath);
    if (!model || box.isNull() || !column.available || column.id == QLatin1String("input"))
        return {};
    return ResultKey::make(imagePath, *model, column).toString()
        + QStringLiteral("|%1,%2,%3,%4").arg(box.x()).arg(box.y()).arg(box.width()).arg(box.height());
}

std::optional<double> PointingGameTool::fraction(const QString &imagePath, const ViewColumn &column) const
{
    const QString key = outcomeKey(imagePath, column);
    return key.isEmpty() ? std::nullopt : m_outcomes.value(key).fraction;
}

QString PointingGameTool::fractionText(const QString &imagePath, const ViewColumn &column) const
{
    const std::optional<double> value = fraction(imagePath, column);
    return value ? formatFraction(*value) : QString();
}

QString PointingGameTool::problem(const QString &imagePath, const ViewColumn &column) const
{
    const QString key = outcomeKey(imagePath, column);
    return key.isEmpty() ? QString() : m_outcomes.value(key).problem;
}

void PointingGameTool::recomputeAll()
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        compute(it.key());
    Q_EMIT resultsChanged();
}

void PointingGameTool::compute(const QString &imagePath)
{
    const QRect box = m_boxes.value(imagePath);
    auto jobs = std::make_shared<std::vector<PointingJob>>();
    for (const ViewColumn &column : m_document.columns()) {
        const QString key = outcomeKey(imagePath, column);
        if (key.isEmpty() || m_jobs.isPending(key))
            continue;
        const at::Tensor map = m_cache.map(ResultKey::make(imagePath, *m_document.modelFor(column), column));
        if (!map.defined()) // the explanation is still being computed: recompute() comes back for it
            continue;
        if (const auto scored = m_outcomes.constFind(key);
            scored != m_outcomes.cend() && scored->map.lock().get() == map.unsafeGetTensorImpl())
            continue; // this very map is scored
        jobs->push_back({key, map});
    }
    if (jobs->empty())
        return;
    QStringList keys;
    for (const PointingJob &job : *jobs)
        keys << job.outcomeKey;
    const core::Box coreBox{box.x(), box.y(), box.x() + box.width(), box.y() + box.height()};
    m_jobs.submit<QHash<QString, Outcome>>(
        tr("Pointing game"), keys, this,
        [jobs, coreBox](TaskContext &, const JobScheduler::Deliver<QHash<QString, Outcome>> &deliver) {
            QHash<QString, Outcome> outcomes;
            for (const PointingJob &job : *jobs) {
                Outcome outcome;
                outcome.map = c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(
                    job.map.getIntrusivePtr());
                try {
                    outcome.fraction = core::positiveFractionInBox(job.map, coreBox);
                } catch (const core::Error &e) { // e.g. a map of another size than the Input
                    outcome.problem = QString::fromStdString(e.what());
                }
                outcomes.insert(job.outcomeKey, outcome);
            }
            deliver(outcomes);
        },
        [this](const QHash<QString, Outcome> &outcomes) { storeOutcomes(outcomes); });
}

void PointingGameTool::storeOutcomes(const QHash<QString, Outcome> &outcomes)
{
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        m_outcomes.insert(it.key(), it.value());
    Q_EMIT resultsChanged();
}

void PointingGameTool::recompute()
{
    recomputeAll();
}

void PointingGameTool::fillTable()
{
    QList<ViewColumn> views;
    for (const ViewColumn &column : m_document.columns())
        if (column.available && column.id != QLatin1String("input"))
            views << column;
    const QRect box = m_boxes.value(m_shownImage);
    m_table->setRowCount(static_cast<int>(views.size()) + 1);
    QString boxText = tr("no box: check \"Pointing game\" and drag a box on an Input cell");
    if (!box.isNull())
        boxText = tr("%1: x %2, y %3, %4 × %5 px").arg(QFileInfo(m_shownImage).fileName()).arg(box.x()).arg(box.y())
                      .arg(box.width()).arg(box.height());
    m_table->setItem(0, 0, new QTableWidgetItem(tr("Box")));
    m_table->setItem(0, 1, new QTableWidgetItem(boxText));
    for (int row = 0; row < views.size(); ++row) {
        const ViewColumn &view = views.at(row);
        QString text;
        if (!box.isNull()) {
            text = fractionText(m_shownImage, view);
            if (text.isEmpty())
                text = problem(m_shownImage, view);
            if (text.isEmpty())
                text = tr("waiting for the explanation…");
        }
        auto *item = new QTableWidgetItem(text);
        item->setData(Qt::UserRole, view.id);
        m_table->setItem(row + 1, 0, new QTableWidgetItem(view.title));
        m_table->setItem(row + 1, 1, item);
    }
}

} // namespace bcos::widgets
