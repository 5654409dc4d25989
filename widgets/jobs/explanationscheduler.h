#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QString>

namespace bcos::widgets {

class Document;
class ResultCache;
class TaskRunner;
struct ViewColumn;

/// Fills the ResultCache: whenever images, models or column settings change, it starts one TaskRunner task
/// per available method column for the rows whose result (image x model x method x params) is missing.
/// Workers render the cells (renderColumn) and post them back; resultsReady() then tells the views.
class ExplanationScheduler : public QObject {
    Q_OBJECT
public:
    ExplanationScheduler(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent = nullptr);

    /// Number of column tasks still running.
    int pendingTasks() const { return static_cast<int>(m_tasks.size()); }
    /// No task running and none about to be scheduled.
    bool isIdle() const { return m_tasks.isEmpty() && !m_scheduled; }

public Q_SLOTS:
    /// Starts the missing work (coalesced: called by the Document's signals through a zero timer).
    void schedule();

Q_SIGNALS:
    void resultsReady();

private:
    void requestSchedule();
    void scheduleColumn(const ViewColumn &column);
    void onTaskEnded(int id);

    Document &m_document;
    TaskRunner &m_runner;
    ResultCache &m_cache;
    QSet<QString> m_pending; ///< ResultKey strings being computed
    QSet<int> m_tasks;
    QHash<int, QStringList> m_taskKeys;
    bool m_scheduled = false;
};

} // namespace bcos::widgets
