#include "explanationjobs.h"

#include "widgets/jobs/documentjobs.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"

#include "core/eval/explanationstore.h"

#include <memory>
#include <mutex>

namespace bcos::widgets {

/// The rows one column job works on (their inputs are read on the worker).
struct ExplanationJobs::ColumnInputs {
    QVector<ResultKey> keys;
    QStringList pending, paths;
    void add(const ImageRecord &record, const ResultKey &key)
    {
        keys << key;
        pending << key.toString();
        paths << record.path;
    }
    /// Only the rows at `indices` (those whose input could be read).
    ColumnInputs subset(const QVector<int> &indices) const
    {
        ColumnInputs rows;
        for (const int i : indices) {
            rows.keys << keys[i];
            rows.paths << paths[i];
        }
        return rows;
    }
};

/// What one column job hands back: the rendered cells and the keys and images they belong to.
struct ExplanationJobs::ColumnResult {
    std::shared_ptr<LoadedModel> model;
    QVector<ResultKey> keys;
    QStringList paths;
    std::shared_ptr<const RenderedColumn> rendered;
    bool fromStore = false;             ///< read from the explanation store (else computed)
    QVector<ImageLoadError> unreadable; ///< rows whose input could not be read again (left out)
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

void ExplanationJobs::setWantedRows(const QList<int> &rows)
{
    QSet<int> wanted(rows.begin(), rows.end());
    if (wanted == m_wanted)
        return;
    m_wanted = std::move(wanted);
    if (m_document.imageCount() > eagerRowLimit())
        m_jobs.requestSchedule();
}

QList<int> ExplanationJobs::rowsToShow() const
{
    if (m_document.imageCount() > eagerRowLimit() && !m_wanted.isEmpty())
        return QList<int>(m_wanted.begin(), m_wanted.end());
    QList<int> rows;
    for (int row = 0; row < m_document.imageCount(); ++row)
        rows << row;
    return rows;
}

void ExplanationJobs::schedule()
{
    scheduleInputs();
    for (const ViewColumn &column : m_document.columns())
        if (column.available && column.id != QLatin1String("input"))
            scheduleColumn(column);
}

void ExplanationJobs::scheduleInputs()
{
    // The Input column shows what the model sees: rows on screen whose input is not decoded yet are read here.
    const InputReader reader = m_document.inputReader();
    QStringList paths, pending;
    for (const int row : rowsToShow()) {
        if (row < 0 || row >= m_document.imageCount())
            continue;
        const QString &path = m_document.image(row).path;
        const QString key = QStringLiteral("input\n") + path;
        if (m_jobs.isPending(key) || m_document.isUnreadable(path) || !reader.cached(path).isNull())
            continue;
        paths << path;
        pending << key;
    }
    if (paths.isEmpty())
        return;
    m_jobs.submit<QVector<ImageLoadError>>(
        tr("Reading images"), pending, this,
        [reader, paths](TaskContext &context, const JobScheduler::Deliver<QVector<ImageLoadError>> &deliver) {
            QVector<ImageLoadError> unreadable;
            for (const QString &path : paths) { // into the input cache, where the grid finds them
                if (context.isCancelled())
                    return;
                unreadable += reader.read(QStringList{path}).errors;
            }
            deliver(unreadable);
        },
        [this](const QVector<ImageLoadError> &unreadable) {
            m_document.markUnreadable(unreadable);
            Q_EMIT resultsReady();
        });
}

bool ExplanationJobs::storeServes(const ViewColumn &column, const LoadedModel &model) const
{
    const auto store = m_document.store();
    const ColumnSpec &spec = column.spec;
    if (!store || spec.view.sharedScale || spec.target >= 0 || store->index().target != "pred"
        || model.path != store->index().model || !store->hasMethod(std::string(core::explainMethodName(spec.method))))
        return false;
    if (spec.method != core::ExplainMethod::Wxx || !spec.colour)
        return true; // maps are coloured from the stored values with any view settings
    // The colour image was rendered with the store's smoothing and alpha percentile.
    const auto rendering = store->index().options.value("wxx_rendering", nlohmann::json::object());
    const int smooth = spec.view.smooth > 1 ? (spec.view.smooth | 1) : 0;
    const int stored = rendering.value("smooth", -1);
    return (stored > 1 ? stored : 0) == smooth && rendering.value("alpha_percentile", -1.0) == spec.view.percentile;
}

void ExplanationJobs::scheduleColumn(const ViewColumn &column)
{
    const std::shared_ptr<LoadedModel> model = m_document.modelFor(column);
    if (!model || !model->network) // a description without a network (tests' fake models) computes nothing
        return;
    const ColumnSpec spec = column.spec;
    const bool fromStore = storeServes(column, *model);
    ColumnInputs computed, stored;
    QVector<qint64> storedIndices;
    bool missing = false;
    // A large session explains what the grid shows (a shared colour scale still needs every row).
    const bool onlyWanted = m_document.imageCount() > eagerRowLimit() && !m_wanted.isEmpty() && !spec.view.sharedScale;
    for (int row = 0; row < m_document.imageCount(); ++row) {
        const ImageRecord &record = m_document.image(row);
        if ((onlyWanted && !m_wanted.contains(row)) || m_document.isUnreadable(record.path))
            continue;
        const ResultKey key = ResultKey::make(record.path, *model, column);
        const bool needed = !m_cache.contains(key) && !m_jobs.isPending(key.toString());
        missing = missing || needed;
        const qint64 storeIndex = fromStore ? m_document.storeIndexOf(record.path) : -1;
        if (needed && storeIndex >= 0) {
            stored.add(record, key);
            storedIndices << storeIndex;
            continue;
        }
        // A shared colour scale spans all rows, so the whole column is recomputed together.
        if (needed || spec.view.sharedScale)
            computed.add(record, key);
    }
    if (!missing)
        return;
    const InputReader reader = m_document.inputReader();
    if (!stored.keys.isEmpty()) {
        const auto source = m_document.store();
        const std::string method(core::explainMethodName(spec.method));
        const bool colour = spec.method == core::ExplainMethod::Wxx && spec.colour;
        m_jobs.submit<ColumnResult>(
            tr("Reading stored maps: %1").arg(column.title), stored.pending, this,
            [model, spec, source, method, colour, stored, storedIndices, reader](
                TaskContext &context, const JobScheduler::Deliver<ColumnResult> &deliver) {
                const InputReader::Batch inputs = reader.read(stored.paths);
                StoredColumn maps;
                for (const int i : inputs.indices) {
                    if (context.isCancelled())
                        return;
                    maps.maps << source->attributions(method, storedIndices[i]);
                    maps.logits << source->logits(storedIndices[i]);
                    if (colour)
                        maps.rgba << source->rgba(storedIndices[i]);
                }
                const ColumnInputs rows = stored.subset(inputs.indices);
                deliver({model, rows.keys, rows.paths,
                         std::make_shared<const RenderedColumn>(renderStoredColumn(spec, inputs.inputs, maps)), true,
                         inputs.errors});
            },
            [this](const ColumnResult &result) { store(result); });
    }
    if (computed.keys.isEmpty())
        return;
    m_jobs.submit<ColumnResult>(
        tr("Explaining: %1").arg(column.title), computed.pending, this,
        [model, spec, computed, reader](TaskContext &context, const JobScheduler::Deliver<ColumnResult> &deliver) {
            const InputReader::Batch inputs = reader.read(computed.paths);
            const ColumnInputs rows = computed.subset(inputs.indices);
            const auto lock = context.lock(*model->mutex);
            deliver({model, rows.keys, rows.paths,
                     std::make_shared<const RenderedColumn>(
                         renderColumn(*model->network, spec, inputs.inputs, &context.cancelFlag())),
                     false, inputs.errors});
        },
        [this](const ColumnResult &result) { store(result); });
}

void ExplanationJobs::store(const ColumnResult &result)
{
    // The predictions of a store's images by its model are its stored logits (PredictionJobs reads them).
    const auto source = m_document.store();
    const bool storeModel = source && source->index().model == result.model->path;
    m_document.markUnreadable(result.unreadable);
    QStringList predicted;
    QVector<QVector<ClassScore>> top;
    for (int i = 0; i < result.keys.size(); ++i) {
        m_cache.insert(result.keys[i], result.rendered->images[i]);
        if (result.fromStore || !storeModel || m_document.storeIndexOf(result.paths[i]) < 0) {
            predicted << result.paths[i];
            top << result.rendered->topK[i];
        }
        m_cache.insertMap(result.keys[i], result.rendered->maps[i]);
    }
    m_cache.insertPredictions(*result.model, predicted, top);
    Q_EMIT resultsReady();
}

} // namespace bcos::widgets
