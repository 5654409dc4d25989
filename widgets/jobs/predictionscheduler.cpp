#include "predictionscheduler.h"

#include "widgets/session/document.h"
#include "widgets/jobs/explanationrenderer.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"

#include <QTimer>

#include <memory>
#include <mutex>

namespace bcos::widgets {

PredictionScheduler::PredictionScheduler(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(runner)
    , m_cache(cache)
{
    connect(&document, &Document::imagesInserted, this, &PredictionScheduler::requestSchedule);
    connect(&document, &Document::imageChanged, this, &PredictionScheduler::requestSchedule);
    connect(&document, &Document::modelChanged, this, [this] {
        if (m_task != 0) // predictions of the old model are no longer wanted
            m_runner.cancel(m_task);
        requestSchedule();
    });
    connect(&runner, &TaskRunner::finished, this, &PredictionScheduler::onTaskEnded);
    connect(&runner, &TaskRunner::failed, this, &PredictionScheduler::onTaskEnded);
    connect(&runner, &TaskRunner::cancelled, this, [this](int id) {
        if (id == m_task) {
            onTaskEnded(id);
            requestSchedule(); // the rows it had claimed are still missing
        }
    });
}

void PredictionScheduler::requestSchedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &PredictionScheduler::schedule);
}

void PredictionScheduler::schedule()
{
    m_scheduled = false;
    if (m_task != 0) { // one task at a time; the rest follows when it ends
        m_again = true;
        return;
    }
    const std::shared_ptr<LoadedModel> model = m_document.bcosModel() ? m_document.bcosModel() : m_document.standardModel();
    if (!model || !model->network)
        return;
    const int side = m_document.inputGeometry().inputSize;
    QVector<QImage> inputs;
    QStringList paths;
    for (const ImageRecord &record : m_document.images()) {
        if (record.input.isNull() || m_pending.contains(record.path) || !m_cache.prediction(record.path, *model).isEmpty())
            continue;
        if (record.input.size() != QSize(side, side))
            continue; // still being re-cropped for this model: imageChanged() brings it back
        inputs << record.input;
        paths << record.path;
    }
    if (inputs.isEmpty())
        return;
    for (const QString &path : std::as_const(paths))
        m_pending.insert(path);
    m_task = m_runner.run(tr("Predicting classes"), [this, model, inputs, paths](TaskContext &context) {
        auto top = std::make_shared<QVector<QVector<ClassScore>>>();
        {
            std::lock_guard lock(*model->mutex);
            *top = predictClasses(*model->network, inputs, &context.cancelFlag(),
                                  [&context](double fraction) { context.progress(fraction, tr("Predicting classes")); });
        }
        context.postToGui([this, model, paths, top] {
            for (int i = 0; i < paths.size(); ++i)
                m_cache.insertPrediction(paths[i], *model, top->at(i));
            Q_EMIT predictionsReady();
        });
    });
}

void PredictionScheduler::onTaskEnded(int id)
{
    if (id != m_task)
        return;
    m_task = 0;
    m_pending.clear();
    if (m_again) {
        m_again = false;
        requestSchedule();
    }
}

} // namespace bcos::widgets
