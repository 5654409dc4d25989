#include "predictionjobs.h"

#include "widgets/jobs/documentjobs.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"

#include "core/eval/explanationstore.h"

#include <torch/torch.h>

#include <memory>
#include <mutex>

namespace bcos::widgets {
namespace {
constexpr int kImagesPerJob = 1024;
}

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
    // Every loaded classifier: the grid's rows show each model's confidence, the browser the selected one's.
    for (const auto &[role, model] : m_document.classifierModels())
        schedule(model, modelRoleName(role));
}

void PredictionJobs::schedule(const std::shared_ptr<LoadedModel> &model, const QString &roleName)
{
    const int side = m_document.inputGeometry().inputSize;
    if (model->description.preprocessing.inputSize != side)
        return; // another input size than the document's crops (only the selected model's size is shown)
    // Images of an explanation store made with this model: their stored logits are the predictions.
    const auto source = m_document.store();
    const bool fromStore = source && source->index().model == model->path;
    QVector<QImage> inputs;
    QStringList paths, keys, storedPaths, storedKeys;
    QVector<qint64> storedIndices;
    for (const ImageRecord &record : m_document.images()) {
        const QString key = roleName + QLatin1Char('\n') + record.path;
        if (record.input.isNull() || m_jobs.isPending(key) || !m_cache.prediction(record.path, *model).isEmpty())
            continue;
        if (record.input.size() != QSize(side, side))
            continue; // still being re-cropped for this model: imageChanged() brings it back
        if (inputs.size() + storedIndices.size() >= kImagesPerJob)
            break; // the rest in the next job: predictions reach the browser as they come
        if (const qint64 index = fromStore ? m_document.storeIndexOf(record.path) : -1; index >= 0) {
            storedIndices << index;
            storedPaths << record.path;
            storedKeys << key;
            continue;
        }
        inputs << record.input;
        paths << record.path;
        keys << key;
    }
    if (!storedIndices.isEmpty())
        m_jobs.submit<Predictions>(
            tr("Reading stored predictions"), storedKeys, this,
            [model, source, storedIndices, storedPaths](TaskContext &, const JobScheduler::Deliver<Predictions> &deliver) {
                std::vector<at::Tensor> logits;
                for (const qint64 index : storedIndices)
                    logits.push_back(source->logits(index));
                deliver({model, storedPaths,
                         std::make_shared<const QVector<QVector<ClassScore>>>(topClassesOf(torch::stack(logits)))});
            },
            [this](const Predictions &predictions) { store(predictions); });
    if (inputs.isEmpty())
        return;
    m_jobs.submit<Predictions>(
        tr("Predicting classes"), keys, this,
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
    m_jobs.requestSchedule(); // a job takes kImagesPerJob images: the planner finds the next ones when it ends
}

} // namespace bcos::widgets
