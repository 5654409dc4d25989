#pragma once

#include "widgets/jobs/jobscheduler.h"

#include <QHash>
#include <QObject>
#include <QPersistentModelIndex>
#include <QPointF>
#include <QPointer>
#include <QRect>
#include <QSet>
#include <QString>

#include <ATen/core/Tensor.h>
#include <c10/util/intrusive_ptr.h>

#include <optional>

class QAction;
class QRubberBand;
class QTableWidget;

namespace bcos::widgets {

class Document;
class ExplanationGridView;
class ResultCache;
struct ViewColumn;

/// The energy-based pointing game in the grid: while action() is checked, dragging a rectangle on an Input cell
/// sets that image's box (image pixels). For every explanation column of the row a TaskRunner task computes
/// core::positiveFractionInBox() on the cached raw attribution map (ResultCache::map); the grid draws the box
/// and the percentage on each cell (PointingGameDelegate) and table() lists the row's results. Results wait
/// for maps that are not computed yet and follow new view settings/models. A click without a drag clears the box.
class PointingGameTool : public QObject {
    Q_OBJECT
public:
    PointingGameTool(Document &document, TaskRunner &runner, ResultCache &cache, ExplanationGridView &grid,
                     QObject *parent = nullptr);
    ~PointingGameTool() override;

    /// The checkable toolbar action ("Pointing game").
    QAction *action() const { return m_action; }
    /// The results table of the image boxed last (view, share of positive attribution); put it in a dock.
    QTableWidget *table() const;

    /// The box of an image in its Input pixels (half-open, x/y = column/row); null when none.
    QRect box(const QString &imagePath) const { return m_boxes.value(imagePath); }
    /// Sets (a null rect: clears) an image's box and computes its results; the table shows that image.
    void setBox(const QString &imagePath, const QRect &box);
    /// The share of positive attribution inside the box for a cell; nullopt while not computed.
    std::optional<double> fraction(const QString &imagePath, const ViewColumn &column) const;
    /// What a cell shows: "42.3 %", or an empty string.
    QString fractionText(const QString &imagePath, const ViewColumn &column) const;
    /// Why a cell has no fraction (its map failed the core checks); empty otherwise.
    QString problem(const QString &imagePath, const ViewColumn &column) const;
    /// No computation running.
    bool isIdle() const { return m_jobs.isIdle(); }

    /// The Input-pixel box covered by a drag from `from` to `to` (viewport positions, logical pixels) over a cell
    /// whose image rectangle is `imageRect` and whose image has `imageSize` pixels: clipped to the image,
    /// outward-rounded to whole pixels. Null when the drag covers no pixel.
    static QRect imageBox(const QPointF &from, const QPointF &to, const QRect &imageRect, const QSize &imageSize);
    /// `fraction` as shown: percent with one decimal.
    static QString formatFraction(double fraction);

public Q_SLOTS:
    /// Scores the boxes against maps that arrived meanwhile (connect ExplanationJobs::resultsReady).
    void recompute();

Q_SIGNALS:
    /// Boxes or results changed (the grid repaints, the table refills).
    void resultsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Outcome {
        std::optional<double> fraction;
        QString problem;
        /// The map scored, weakly: a map that replaced it in the cache (recomputed, or evicted and explained again
        /// in a pass of another size, whose sums round differently) is scored again.
        c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> map{
            c10::intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>()};
    };

    void setActive(bool active);
    bool beginDrag(const QPointF &position);
    void endDrag(const QPointF &position);
    void compute(const QString &imagePath);
    void recomputeAll();
    QString outcomeKey(const QString &imagePath, const ViewColumn &column) const;
    void fillTable();
    void storeOutcomes(const QHash<QString, Outcome> &outcomes);

    Document &m_document;
    ResultCache &m_cache;
    ExplanationGridView &m_grid;
    QAction *m_action;
    QPointer<QTableWidget> m_table; ///< owned by its dock once docked
    QRubberBand *m_band = nullptr;
    QPersistentModelIndex m_dragIndex;
    QPointF m_dragStart;
    QHash<QString, QRect> m_boxes;      ///< image path -> box
    QHash<QString, Outcome> m_outcomes; ///< outcomeKey() -> result
    JobScheduler m_jobs;                ///< its pending keys are the outcomeKey()s being computed
    QString m_shownImage;               ///< the image the table lists
};

} // namespace bcos::widgets
