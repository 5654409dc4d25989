#include "predictionjobs.h"

#include "widgets/jobs/documentjobs.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"

#include <memory>
#include <mutex>

namespace bcos::widgets {

/// What a prediction job hands back: the top classes per image path, for one model.
struct PredictionJobs::Predictions {
    std::shared_ptr<LoadedModel> model;
    QStringList paths;
    std::shared_ptr<const QVector<QVector<ClassScore>>> top;
};

PredictionJobs::PredictionJobs(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_cache(cache)
    , m_jobs(runner, JobScheduler::Concurrency::OneAtATime)
{
    m_jobs.setPlanner([this] { schedule(); });
    followDocument(m_jobs, document, DocumentChanges::Images);
}

void PredictionJobs::schedule()
{
    const std::shared_ptr<LoadedModel> model = m_document.bcosModel() ? m_document.bcosModel() : m_document.standardModel();
    if (!model || !model->network)
        return;
    const int side = m_document.inputGeometry().inputSize;
    QVector<QImage> inputs;
    QStringList paths;
    for (const ImageRecord &record : m_document.images()) {
        if (record.input.isNull() || m_jobs.isPending(record.path) || !m_cache.prediction(record.path, *model).isEmpty())
            continue;
        if (record.input.size() != QSize(side, side))
            continue; // still being re-cropped for this model: imageChanged() brings it back
        inputs << record.input;
        paths << record.path;
    }
    if (inputs.isEmpty())
        return;
    m_jobs.submit<Predictions>(
        tr("Predicting classes"), paths, this,
        [model, inputs, paths](TaskContext &context, const JobScheduler::Deliver<Predictions> &deliver) {
            std::lock_guard lock(*model->mutex);
            auto top = std::make_shared<const QVector<QVector<ClassScore>>>(
                predictClasses(*model->network, inputs, &context.cancelFlag(),
                               [&context](double fraction) { context.progress(fraction, tr("Predicting classes")); }));
            deliver({model, paths, top});
        },
        [this](const Predictions &predictions) { store(predictions); });
}

void PredictionJobs::store(const Predictions &predictions)
{
    for (int i = 0; i < predictions.paths.size(); ++i)
        m_cache.insertPrediction(ResultKey::prediction(predictions.paths[i], *predictions.model), predictions.top->at(i));
    Q_EMIT predictionsReady();
}

} // namespace bcos::widgets
