#include "explanationscheduler.h"

#include "widgets/session/document.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"

#include <QTimer>

#include <memory>
#include <utility>
#include <mutex>

namespace bcos::widgets {

ExplanationScheduler::ExplanationScheduler(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(runner)
    , m_cache(cache)
{
    connect(&document, &Document::imagesInserted, this, &ExplanationScheduler::requestSchedule);
    connect(&document, &Document::imageChanged, this, &ExplanationScheduler::requestSchedule);
    connect(&document, &Document::columnsChanged, this, &ExplanationScheduler::requestSchedule);
    connect(&document, &Document::modelChanged, this, [this] {
        for (int id : std::as_const(m_tasks)) // results for the old models are no longer wanted
            m_runner.cancel(id);
        requestSchedule();
    });
    connect(&runner, &TaskRunner::finished, this, &ExplanationScheduler::onTaskEnded);
    connect(&runner, &TaskRunner::failed, this, &ExplanationScheduler::onTaskEnded);
    connect(&runner, &TaskRunner::cancelled, this, [this](int id) {
        if (m_tasks.contains(id)) {
            onTaskEnded(id);
            requestSchedule(); // the rows it had claimed are still missing
        }
    });
}

void ExplanationScheduler::requestSchedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &ExplanationScheduler::schedule);
}

void ExplanationScheduler::schedule()
{
    m_scheduled = false;
    for (const ViewColumn &column : m_document.columns())
        if (column.available && column.id != QLatin1String("input"))
            scheduleColumn(column);
}

void ExplanationScheduler::scheduleColumn(const ViewColumn &column)
{
    const std::shared_ptr<LoadedModel> model = m_document.modelFor(column);
    if (!model || !model->network) // a description without a network (tests' fake models) computes nothing
        return;
    const ViewSettings settings = ViewSettings::fromJson(column.params);
    QVector<QImage> inputs;
    QStringList keys, paths;
    bool missing = false;
    const int side = m_document.inputGeometry().inputSize;
    for (const ImageRecord &record : m_document.images()) {
        if (record.input.size() != QSize(side, side))
            continue; // decoded for another model and still being re-cropped: imageChanged() brings it back
        const QString key = ResultKey::make(record.path, *model, column).toString();
        const bool needed = !m_cache.contains(ResultKey::make(record.path, *model, column)) && !m_pending.contains(key);
        missing = missing || needed;
        // A shared colour scale spans all rows, so the whole column is recomputed together.
        if ((needed || settings.sharedScale) && !record.input.isNull()
            && (inputs.isEmpty() || record.input.size() == inputs.first().size())) {
            inputs << record.input;
            keys << key;
            paths << record.path;
        }
    }
    if (!missing || inputs.isEmpty())
        return;
    for (const QString &key : std::as_const(keys))
        m_pending.insert(key);
    const QString title = tr("Explaining: %1").arg(column.title);
    const int id = m_runner.run(title, [this, model, settings, inputs, keys, paths](TaskContext &context) {
        std::shared_ptr<RenderedColumn> rendered;
        {
            std::lock_guard lock(*model->mutex);
            rendered = std::make_shared<RenderedColumn>(renderColumn(*model->network, settings, inputs, &context.cancelFlag()));
        }
        context.postToGui([this, model, keys, paths, rendered] {
            for (int i = 0; i < keys.size(); ++i) {
                m_cache.insert(keys[i], rendered->images[i]);
                m_cache.insertPrediction(paths[i], *model, rendered->topK[i]);
                m_cache.insertMap(keys[i], rendered->maps[i]);
            }
            Q_EMIT resultsReady();
        });
    });
    m_tasks.insert(id);
    m_taskKeys.insert(id, keys);
}

void ExplanationScheduler::onTaskEnded(int id)
{
    if (!m_tasks.remove(id))
        return;
    for (const QString &key : m_taskKeys.take(id))
        m_pending.remove(key);
}

} // namespace bcos::widgets
