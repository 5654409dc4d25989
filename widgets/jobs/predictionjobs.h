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
/// change it submits one job per model ("Predicting classes", progress per batch, cancellable) for the rows
/// without a cached prediction. The job reads its inputs batch by batch on the worker (InputReader: the input
/// cache, else the file decoded again), so no job holds more than one batch of inputs it decoded; images that
/// cannot be read again are reported to the Document and left out. A new model cancels the running jobs.
/// predictionsReady() tells the views.
class PredictionJobs : public QObject {
    Q_OBJECT
public:
    /// Where the prediction jobs' time went, summed over the jobs so far.
    struct Timing {
        qint64 images = 0;          ///< images predicted
        double readSeconds = 0.0;   ///< reading inputs (cache look-ups, decoding the files missing from it)
        double forwardSeconds = 0.0; ///< forward passes and top classes
    };

    PredictionJobs(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent = nullptr);

    /// No job running and none about to be scheduled.
    bool isIdle() const { return m_jobs.isIdle(); }
    const Timing &timing() const { return m_timing; }
    /// Images per forward pass (64, as `bcos evaluate`'s default --batch-size).
    static constexpr int batchSize() { return 64; }

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
    Timing m_timing;
};

} // namespace bcos::widgets
