#pragma once

#include "widgets/training/trainingsettings.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace bcos::widgets {

/// One run folder as the Runs list shows it (read by scanRuns()).
struct RunEntry {
    QString name;            ///< the folder's name (its start time, yyyyMMdd-HHmmss)
    QString directory;       ///< absolute path
    int epochs = 0;          ///< epochs logged in metrics.csv / metrics.jsonl
    double valTop1 = -1.0;   ///< the last logged validation top-1 in [0, 1]; < 0 when none
    QString model;           ///< RUN/model.safetensors when it exists, else empty
    bool hasSettings = false; ///< RUN/studio-settings.json exists (runs started in the studio)
    QString problem;         ///< why the metrics could not be read (the core's message), empty when fine
};

/// The runs under `root` (each sub-folder with metrics or a model), newest first. Reads only small files
/// (metrics and the folder listing); never loads a model.
QVector<RunEntry> scanRuns(const QString &root);

/// The "Runs" dock: the runs folder as a list (run, epochs, last validation top-1, model), read on a pool thread
/// (refresh() returns at once; runsChanged() says when the list is new). A run reopens as a whole: its model joins the document as the fine-tuned model (loaded on a worker by the Document), its
/// curves go on the training chart and its settings into the training form.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QString root, QWidget *parent = nullptr);

    QString root() const { return m_root; }
    /// The runs of the last finished scan (empty until the first one has finished).
    QVector<RunEntry> runs() const { return m_runs; }
    /// Selects the run called `name`; false when it is not listed.
    bool selectRun(const QString &name);

public Q_SLOTS:
    /// Reads the runs folder again on a pool thread (a run ended, the user pressed Refresh); a scan that is
    /// overtaken by a newer one is dropped.
    void refresh();
    /// Reopens the selected run: emits the signals below for what it has (nothing when none is selected).
    void openSelected();

Q_SIGNALS:
    void openModelRequested(const QString &path, const QString &runName);
    void curvesRequested(const QString &directory);
    void settingsRequested(const bcos::widgets::TrainingSettings &settings);
    void message(const QString &text);
    void runsChanged();

private:
    void showRuns(QVector<RunEntry> runs);
    const RunEntry *selectedRun() const;
    void updateButtons();

    QString m_root;
    QVector<RunEntry> m_runs;
    int m_scan = 0; ///< the newest scan's number: only its result is shown
    QTreeWidget *m_list = nullptr;
    QPushButton *m_open = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace bcos::widgets
