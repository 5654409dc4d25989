#pragma once

#include "widgets/metrics/metricscomputation.h"
#include "widgets/metrics/metricsreport.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace bcos::widgets {

class Document;
class ImageValuesTableModel;
class MetricsPlot;
class TaskRunner;

/// The Metrics view: compares explanation methods on the session's images with the field's metrics. Choose
/// methods and metrics, Compute (a worker with progress and cancel; the selected classifier model), or open an
/// explanation store whose values are already there. It shows per column the mean with its 95 % interval, the
/// mean deletion/insertion curves per method, and the per-image values as a sortable table (clicking a row
/// selects the image); exports CSV and a figure panel (PNG/SVG/PDF) with its JSON recipe.
class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    MetricsPanel(Document &document, TaskRunner &runner, QWidget *parent = nullptr);

    /// Starts computing the checked metrics of the checked methods on every image; returns the task id, 0 when
    /// nothing can run (the reason is shown in the status line).
    int compute();
    void cancel();
    bool isBusy() const { return m_computeTask != 0 || m_summaryTask != 0; }
    /// The summaries shown (after values change they are recomputed on the worker).
    const QVector<ColumnSummary> &summaries() const { return m_summaries; }
    /// The report of what is shown, for export.
    MetricsReport report() const;
    QString exportCsv(const QString &path) const { return report().writeCsv(path); }
    QString exportFigure(const QString &path) const { return report().writeFigure(path); }
    QCheckBox *methodBox(const QString &method) const;
    QCheckBox *metricBox(const QString &metric) const;
    QTableWidget *summaryTable() const { return m_summaryTable; }
    QTableView *imageTable() const { return m_imageTable; }
    QString statusText() const;

Q_SIGNALS:
    /// The user clicked an image's row: its Document row.
    void imageActivated(int row);
    /// A summary finished (tests and screenshots wait for it).
    void summariesReady();

private:
    void updateAvailability();
    void summarise();
    void showSummaries(const QVector<ColumnSummary> &summaries);
    void chooseCsv();
    void chooseFigure();
    /// Asks for a file and writes it with `write` (which returns an error message); the outcome goes to the status.
    void exportWith(const QString &title, const QString &suggested, const QString &filter,
                    const std::function<QString(const QString &)> &write, const QString &done);

    Document &m_document;
    TaskRunner &m_runner;
    QVector<QCheckBox *> m_methods;
    QVector<QCheckBox *> m_metrics;
    QPushButton *m_compute = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_csv = nullptr;
    QPushButton *m_figure = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_summaryTable = nullptr;
    MetricsPlot *m_deletion = nullptr;
    MetricsPlot *m_insertion = nullptr;
    ImageValuesTableModel *m_imageModel = nullptr;
    QSortFilterProxyModel *m_imageOrder = nullptr;
    QTableView *m_imageTable = nullptr;
    QVector<ColumnSummary> m_summaries;
    int m_computeTask = 0;
    int m_summaryTask = 0;
    int m_summaryGeneration = 0;
};

} // namespace bcos::widgets
