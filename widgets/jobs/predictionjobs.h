#pragma once

#include "widgets/jobs/jobscheduler.h"

#include <QObject>

namespace bcos::widgets {

class Document;
class ResultCache;

/// Keeps the primary model's class predictions of every image in the ResultCache (the browser's filters and
/// confidence sort read them): when images or the model change it submits one job ("Predicting classes",
/// progress per chunk, cancellable, one at a time) for the rows without a cached prediction. A new model
/// cancels the running job. predictionsReady() tells the views.
class PredictionJobs : public QObject {
    Q_OBJECT
public:
    PredictionJobs(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent = nullptr);

    /// No job running and none about to be scheduled.
    bool isIdle() const { return m_jobs.isIdle(); }

Q_SIGNALS:
    void predictionsReady();

private:
    struct Predictions;
    void schedule();
    void store(const Predictions &predictions);

    Document &m_document;
    ResultCache &m_cache;
    JobScheduler m_jobs;
};

} // namespace bcos::widgets
