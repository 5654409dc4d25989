#include "explanationjobs.h"

#include "widgets/jobs/documentjobs.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"

#include <memory>
#include <mutex>

namespace bcos::widgets {

/// What one column job hands back: the rendered cells and the keys and images they belong to.
struct ExplanationJobs::ColumnResult {
    std::shared_ptr<LoadedModel> model;
    QVector<ResultKey> keys;
    QStringList paths;
    std::shared_ptr<const RenderedColumn> rendered;
};

ExplanationJobs::ExplanationJobs(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_cache(cache)
    , m_jobs(runner, JobScheduler::Concurrency::Parallel)
{
    m_jobs.setPlanner([this] { schedule(); });
    followDocument(m_jobs, document, DocumentChanges::ImagesAndColumns);
}

void ExplanationJobs::schedule()
{
    for (const ViewColumn &column : m_document.columns())
        if (column.available && column.id != QLatin1String("input"))
            scheduleColumn(column);
}

void ExplanationJobs::scheduleColumn(const ViewColumn &column)
{
    const std::shared_ptr<LoadedModel> model = m_document.modelFor(column);
    if (!model || !model->network) // a description without a network (tests' fake models) computes nothing
        return;
    const ColumnSpec spec = column.spec;
    QVector<QImage> inputs;
    QVector<ResultKey> keys;
    QStringList pending, paths;
    bool missing = false;
    const int side = m_document.inputGeometry().inputSize;
    for (const ImageRecord &record : m_document.images()) {
        if (record.input.size() != QSize(side, side))
            continue; // decoded for another model and still being re-cropped: imageChanged() brings it back
        const ResultKey key = ResultKey::make(record.path, *model, column);
        const bool needed = !m_cache.contains(key) && !m_jobs.isPending(key.toString());
        missing = missing || needed;
        // A shared colour scale spans all rows, so the whole column is recomputed together.
        if ((needed || spec.view.sharedScale) && !record.input.isNull()
            && (inputs.isEmpty() || record.input.size() == inputs.first().size())) {
            inputs << record.input;
            keys << key;
            pending << key.toString();
            paths << record.path;
        }
    }
    if (!missing || inputs.isEmpty())
        return;
    m_jobs.submit<ColumnResult>(
        tr("Explaining: %1").arg(column.title), pending, this,
        [model, spec, inputs, keys, paths](TaskContext &context, const JobScheduler::Deliver<ColumnResult> &deliver) {
            std::lock_guard lock(*model->mutex);
            deliver({model, keys, paths,
                     std::make_shared<const RenderedColumn>(renderColumn(*model->network, spec, inputs, &context.cancelFlag()))});
        },
        [this](const ColumnResult &result) { store(result); });
}

void ExplanationJobs::store(const ColumnResult &result)
{
    for (int i = 0; i < result.keys.size(); ++i) {
        m_cache.insert(result.keys[i], result.rendered->images[i]);
        m_cache.insertPrediction(ResultKey::prediction(result.paths[i], *result.model), result.rendered->topK[i]);
        m_cache.insertMap(result.keys[i], result.rendered->maps[i]);
    }
    Q_EMIT resultsReady();
}

} // namespace bcos::widgets
