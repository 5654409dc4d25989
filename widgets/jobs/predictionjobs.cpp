#include "predictionjobs.h"

#include "widgets/jobs/documentjobs.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"

#include "core/error.h"
#include "core/eval/explanationstore.h"

#include <torch/torch.h>

#include <QElapsedTimer>

#include <algorithm>
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
    QVector<ImageLoadError> unreadable; ///< images whose input could not be read again
    Timing timing;
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
    const InputReader reader = m_document.inputReader();
    if (model->description.preprocessing.inputSize != reader.geometry().inputSize)
        return; // another input size than the selected model's crops (only the selected model's size is read)
    // Images of an explanation store made with this model: their stored logits are the predictions.
    const auto source = m_document.store();
    const bool fromStore = source && source->index().model == model->path;
    QStringList paths, keys, storedPaths, storedKeys;
    QVector<qint64> storedIndices;
    const ResultCache::ModelPredictions *known = m_cache.predictions(*model);
    for (const ImageRecord &record : m_document.images()) {
        if (known && known->contains(record.path)) // one hash probe: this runs over all rows after every job
            continue;
        const QString key = roleName + QLatin1Char('\n') + record.path;
        if (m_jobs.isPending(key) || m_document.isUnreadable(record.path))
            continue;
        if (paths.size() + storedIndices.size() >= kImagesPerJob)
            break; // the rest in the next job: predictions reach the browser as they come
        if (const qint64 index = fromStore ? m_document.storeIndexOf(record.path) : -1; index >= 0) {
            storedIndices << index;
            storedPaths << record.path;
            storedKeys << key;
            continue;
        }
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
                         std::make_shared<const QVector<QVector<ClassScore>>>(topClassesOf(torch::stack(logits))), {}, {}});
            },
            [this](const Predictions &predictions) { store(predictions); });
    if (paths.isEmpty())
        return;
    m_jobs.submit<Predictions>(
        tr("Predicting classes"), keys, this,
        [model, reader, paths](TaskContext &context, const JobScheduler::Deliver<Predictions> &deliver) {
            // Inputs are read (decoded when the cache lost them) one batch at a time, and the model is locked only
            // for the forward pass, so explanations of the rows on screen can run in between.
            Predictions result{model, {}, nullptr, {}, {}};
            auto top = std::make_shared<QVector<QVector<ClassScore>>>();
            QElapsedTimer clock;
            for (int first = 0; first < paths.size(); first += batchSize()) {
                if (context.isCancelled())
                    core::fail(core::ErrorCode::Cancelled, "prediction cancelled");
                clock.start();
                const InputReader::Batch batch = reader.read(paths.mid(first, batchSize()));
                result.timing.readSeconds += clock.nsecsElapsed() * 1e-9;
                result.unreadable += batch.errors;
                if (!batch.inputs.isEmpty()) {
                    const auto lock = context.lock(*model->mutex); // all cores once the folder is decoded
                    clock.start();
                    *top += predictClasses(*model->network, batch.inputs);
                    result.timing.forwardSeconds += clock.nsecsElapsed() * 1e-9;
                }
                for (const int index : batch.indices)
                    result.paths << paths[first + index];
                context.progress(std::min(1.0, double(first + batchSize()) / paths.size()), tr("Predicting classes"));
            }
            result.timing.images = result.paths.size();
            result.top = std::move(top);
            deliver(result);
        },
        [this](const Predictions &predictions) { store(predictions); });
}

void PredictionJobs::store(const Predictions &predictions)
{
    m_cache.insertPredictions(*predictions.model, predictions.paths, *predictions.top);
    m_document.markUnreadable(predictions.unreadable);
    m_timing.images += predictions.timing.images;
    m_timing.readSeconds += predictions.timing.readSeconds;
    m_timing.forwardSeconds += predictions.timing.forwardSeconds;
    Q_EMIT predictionsReady();
    m_jobs.requestSchedule(); // a job takes kImagesPerJob images: the planner finds the next ones when it ends
}

} // namespace bcos::widgets
