#pragma once

#include <QObject>
#include <QSet>
#include <QString>

namespace bcos::widgets {

class Document;
class ResultCache;
class TaskRunner;

/// Keeps the primary model's class predictions of every image in the ResultCache (the browser's filters and
/// confidence sort read them): when images or the model change it starts one TaskRunner task ("Predicting
/// classes", progress per chunk, cancellable) for the rows without a cached prediction. A new model cancels
/// the running task. predictionsReady() tells the views.
class PredictionScheduler : public QObject {
    Q_OBJECT
public:
    PredictionScheduler(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent = nullptr);

    /// No task running and none about to be scheduled.
    bool isIdle() const { return m_task == 0 && !m_scheduled; }

public Q_SLOTS:
    /// Starts the missing work (coalesced through a zero timer when called by the Document's signals).
    void schedule();

Q_SIGNALS:
    void predictionsReady();

private:
    void requestSchedule();
    void onTaskEnded(int id);

    Document &m_document;
    TaskRunner &m_runner;
    ResultCache &m_cache;
    QSet<QString> m_pending; ///< image paths being predicted
    int m_task = 0;
    bool m_scheduled = false;
    bool m_again = false; ///< schedule() was called while the task ran
};

} // namespace bcos::widgets
