#include "syncedzoomgroup.h"

#include <QEvent>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace bcos::widgets {

SyncedZoomGroup::SyncedZoomGroup(QObject *parent)
    : QObject(parent)
{
}

void SyncedZoomGroup::addView(QGraphicsView *view)
{
    if (!view || views().contains(view))
        return;
    m_views.append(view);
    view->setDragMode(QGraphicsView::ScrollHandDrag);
    view->setTransformationAnchor(QGraphicsView::NoAnchor); // zoomAt() keeps the point under the cursor itself
    view->setResizeAnchor(QGraphicsView::NoAnchor);
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
    const auto follow = [this, view] {
        if (!m_syncing)
            syncFrom(view);
    };
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, follow);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, follow);
    connect(view, &QObject::destroyed, this, [this] { m_views.removeAll(nullptr); });
    QGraphicsView *first = firstView();
    if (first == view)
        view->setTransform(QTransform::fromScale(m_zoom, m_zoom));
    else
        syncFrom(first);
}

void SyncedZoomGroup::removeView(QGraphicsView *view)
{
    if (!view || !m_views.removeAll(view))
        return;
    view->removeEventFilter(this);
    view->viewport()->removeEventFilter(this);
    view->horizontalScrollBar()->disconnect(this);
    view->verticalScrollBar()->disconnect(this);
    view->disconnect(this);
}

QList<QGraphicsView *> SyncedZoomGroup::views() const
{
    QList<QGraphicsView *> result;
    for (const auto &view : m_views)
        if (view)
            result.append(view);
    return result;
}

QGraphicsView *SyncedZoomGroup::firstView() const
{
    const auto all = views();
    return all.isEmpty() ? nullptr : all.front();
}

QGraphicsView *SyncedZoomGroup::viewOf(QObject *object) const
{
    for (const auto &view : m_views)
        if (view && (view == object || view->viewport() == object))
            return view;
    return nullptr;
}

void SyncedZoomGroup::zoomIn()
{
    if (QGraphicsView *view = firstView())
        zoomAt(view, kStep, QRectF(view->viewport()->rect()).center());
}

void SyncedZoomGroup::zoomOut()
{
    if (QGraphicsView *view = firstView())
        zoomAt(view, 1.0 / kStep, QRectF(view->viewport()->rect()).center());
}

void SyncedZoomGroup::setZoom(double scale)
{
    if (QGraphicsView *view = firstView())
        zoomAt(view, scale / m_zoom, QRectF(view->viewport()->rect()).center());
}

void SyncedZoomGroup::zoomAt(QGraphicsView *view, double factor, const QPointF &viewportPos)
{
    const double target = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    m_fitting = false;
    {
        QScopedValueRollback<bool> guard(m_syncing, true);
        const QPointF scenePos = view->mapToScene(viewportPos.toPoint());
        view->setTransform(QTransform::fromScale(target, target));
        // Scroll so that the scene point under the cursor stays there (the views have no anchor).
        const QPointF moved = view->mapFromScene(scenePos);
        view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->value() + qRound(moved.x() - viewportPos.x()));
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + qRound(moved.y() - viewportPos.y()));
    }
    m_zoom = target;
    syncFrom(view);
    Q_EMIT zoomChanged(m_zoom);
}

void SyncedZoomGroup::fit()
{
    QGraphicsView *view = firstView();
    if (!view || view->sceneRect().isEmpty())
        return;
    // Set first: when the new scale hides the scroll bars, the viewport grows and the Resize event fits
    // again (re-entrantly) to the larger viewport.
    m_fitting = true;
    {
        QScopedValueRollback<bool> guard(m_syncing, true);
        const QRectF rect = view->sceneRect();
        // A margin as QGraphicsView::fitInView keeps, so rounding never brings the scroll bars back.
        const QSizeF space = QSizeF(view->viewport()->size()) - QSizeF(2 * kFitMargin, 2 * kFitMargin);
        m_zoom = std::clamp(std::min(space.width() / rect.width(), space.height() / rect.height()), kMinZoom, kMaxZoom);
        view->setTransform(QTransform::fromScale(m_zoom, m_zoom));
        view->centerOn(rect.center());
    }
    syncFrom(view);
    Q_EMIT zoomChanged(m_zoom);
}

void SyncedZoomGroup::syncFrom(QGraphicsView *source)
{
    QScopedValueRollback<bool> guard(m_syncing, true);
    for (QGraphicsView *view : views()) {
        if (view == source)
            continue;
        if (view->transform() != source->transform())
            view->setTransform(source->transform());
        view->horizontalScrollBar()->setValue(source->horizontalScrollBar()->value());
        view->verticalScrollBar()->setValue(source->verticalScrollBar()->value());
    }
}

bool SyncedZoomGroup::handleKey(QGraphicsView *view, int key)
{
    const QPointF centre = QRectF(view->viewport()->rect()).center();
    switch (key) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAt(view, kStep, centre); return true;
    case Qt::Key_Minus: zoomAt(view, 1.0 / kStep, centre); return true;
    case Qt::Key_0: fit(); return true;
    case Qt::Key_1: actualSize(); return true;
    default: return false;
    }
}

bool SyncedZoomGroup::eventFilter(QObject *watched, QEvent *event)
{
    QGraphicsView *view = viewOf(watched);
    if (!view)
        return false;
    switch (event->type()) {
    case QEvent::Wheel: {
        const auto *wheel = static_cast<QWheelEvent *>(event);
        // One notch (120) is one step; touchpads send smaller deltas for smooth zooming.
        const double factor = std::pow(kStep, wheel->angleDelta().y() / 120.0);
        if (factor != 1.0)
            zoomAt(view, factor, wheel->position());
        return true;
    }
    case QEvent::KeyPress: return handleKey(view, static_cast<QKeyEvent *>(event)->key());
    case QEvent::Resize:
        if (m_fitting && watched == view->viewport() && view == firstView())
            fit();
        return false;
    default: return false;
    }
}

} // namespace bcos::widgets
