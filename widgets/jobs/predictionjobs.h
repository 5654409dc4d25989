#pragma once

#include "widgets/jobs/jobscheduler.h"

#include <QObject>

#include <memory>

namespace bcos::widgets {

class Document;
struct LoadedModel;
class ResultCache;

/// Keeps every loaded classifier's class predictions of every image in the ResultCache (the browser's filters
/// and confidence sort read the selected model's, the grid's rows show each model's): when images or the models
/// change it submits one job per model ("Predicting classes", progress per chunk, cancellable) for the rows
/// without a cached prediction. A new model cancels the running jobs. predictionsReady() tells the views.
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
    void schedule(const std::shared_ptr<LoadedModel> &model, const QString &roleName);
    void store(const Predictions &predictions);

    Document &m_document;
    ResultCache &m_cache;
    JobScheduler m_jobs;
};

} // namespace bcos::widgets
