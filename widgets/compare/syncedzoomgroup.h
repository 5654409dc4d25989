#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QGraphicsView;
class QPointF;

namespace bcos::widgets {

/// Keeps the zoom and the scroll position of several QGraphicsViews equal (the panes of one comparison):
/// a wheel turn, a key (+ or = zooms in, - zooms out, 0 fits, 1 shows actual pixels), a drag (pan) or a
/// call on one view gives every view the same transform and the same scroll bar values. The views should
/// show scenes with the same scene rect. Does not own the views; destroyed views drop out by themselves.
class SyncedZoomGroup : public QObject {
    Q_OBJECT
public:
    static constexpr double kMinZoom = 0.05;
    static constexpr double kMaxZoom = 64.0;
    static constexpr double kStep = 1.25; ///< one zoom-in step (key, button, one wheel notch)
    static constexpr int kFitMargin = 2;  ///< pixels left free around the scene by fit()

    explicit SyncedZoomGroup(QObject *parent = nullptr);

    /// Adds `view` (hand-drag panning, no transformation anchor) and gives it the group's transform.
    void addView(QGraphicsView *view);
    void removeView(QGraphicsView *view);
    QList<QGraphicsView *> views() const;
    /// The common scale: view pixels per scene unit (1 = actual pixels).
    double zoom() const { return m_zoom; }
    /// True after fit() until the user zooms: the views fit again when the first one is resized.
    bool isFitting() const { return m_fitting; }
    /// Multiplies the scale by `factor` (result clamped to [kMinZoom, kMaxZoom]), keeping the scene point
    /// under `viewportPos` of `view` in place, and gives the other views the same transform and scroll.
    void zoomAt(QGraphicsView *view, double factor, const QPointF &viewportPos);

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    /// Sets the scale about the centre of the first view's viewport.
    void setZoom(double scale);
    /// Shows the whole scene rect in the first view (centred, kFitMargin free), then the same in all.
    void fit();
    void actualSize() { setZoom(1.0); }

Q_SIGNALS:
    void zoomChanged(double scale);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QGraphicsView *firstView() const;
    QGraphicsView *viewOf(QObject *object) const;
    void syncFrom(QGraphicsView *source);
    bool handleKey(QGraphicsView *view, int key);

    QList<QPointer<QGraphicsView>> m_views;
    double m_zoom = 1.0;
    bool m_fitting = false;
    bool m_syncing = false;
};

} // namespace bcos::widgets
