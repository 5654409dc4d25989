#include "studiosession.h"

#include "widgets/clip/clippromptcontroller.h"
#include "widgets/export/gridexporter.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/jobs/explanationjobs.h"
#include "widgets/jobs/predictionjobs.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/session/document.h"
#include "widgets/session/inputcache.h"
#include "widgets/session/logmodel.h"

#include "core/error.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QFileInfo>
#include <QPixmapCache>
#include <QStandardPaths>

#include <algorithm>
#include <limits>

namespace bcos::widgets {

StudioSession::StudioSession(ModelLoader loader, TrainFunction trainer, QObject *parent)
    : QObject(parent)
    , m_runner(std::make_unique<TaskRunner>())
    , m_document(std::make_unique<Document>(*m_runner))
    , m_cache(std::make_unique<ResultCache>())
    , m_log(new LogModel(this))
    , m_explanations(new ExplanationJobs(*m_document, *m_runner, *m_cache, this))
    , m_predictions(new PredictionJobs(*m_document, *m_runner, *m_cache, this))
    , m_clipPrompts(new ClipPromptController(*m_document, *m_runner, *m_cache, this))
    , m_gridModel(new ExplanationGridModel(*m_document, m_cache.get(), this))
    , m_training(new TrainingController(this))
{
    m_document->setModelLoader(std::move(loader));
    m_training->setTrainFunction(std::move(trainer));
    m_training->setContextProvider([this](TrainingSettings &settings) { fillTrainingContext(settings); });
    m_training->setModelProvider([this] { return m_document->standardModel(); });
    connect(m_explanations, &ExplanationJobs::resultsReady, m_gridModel, &ExplanationGridModel::refresh);
    connect(m_predictions, &PredictionJobs::predictionsReady, m_gridModel, &ExplanationGridModel::refresh);
    connect(m_clipPrompts, &ClipPromptController::resultsReady, m_gridModel, &ExplanationGridModel::refresh);
    connect(m_document.get(), &Document::logMessage, m_log, &LogModel::append);
    // A file loaded again may hold other weights under the same path (the jobs re-plan on the next turn).
    connect(m_document.get(), &Document::modelChanged, this, [this] { m_cache->clear(); });
    connect(m_training, &TrainingController::failed, this,
            [this](const QString &message) { m_log->append(LogLevel::Error, tr("Training: %1").arg(message)); });
    // The loop the studio exists for: a finished (or paused) run's model joins the document beside the others.
    connect(m_training, &TrainingController::modelWritten, this, [this](const QString &path, bool final) {
        const QString run = QFileInfo(path).dir().dirName();
        m_document->loadFineTunedModel(path, final ? run : tr("%1 (paused)").arg(run));
    });
    connect(m_training, &TrainingController::message, this,
            [this](const QString &text) { m_log->append(LogLevel::Info, tr("Training: %1").arg(text)); });
}

StudioSession::~StudioSession()
{
    m_runner->cancelAll();
    m_runner->waitForDone();
}

bool StudioSession::isIdle() const
{
    return m_runner->activeCount() == 0 && m_explanations->isIdle() && m_predictions->isIdle()
        && m_clipPrompts->isIdle();
}

void StudioSession::setMemoryBudget(qint64 bytes)
{
    m_document->inputCache().setBudget(bytes);
    QPixmapCache::setCacheLimit(static_cast<int>(std::min<qint64>(thumbnailBudget(bytes) / 1024, std::numeric_limits<int>::max())));
}

qint64 StudioSession::thumbnailBudget(qint64 bytes)
{
    return std::max<qint64>(bytes / 8, qint64(10) << 20);
}

QString StudioSession::exportGrid(const QString &path, const ExportOptions &options, const GridSelection &selection,
                                  bool writeRecipe)
{
    try {
        const GridExporter exporter(*m_document, *m_gridModel, selection, options);
        exporter.write(path);
        if (writeRecipe)
            exporter.writeRecipe(path + QStringLiteral(".json"), path);
    } catch (const core::Error &e) {
        const QString message = QString::fromStdString(e.what());
        m_log->append(LogLevel::Error, message);
        return message;
    }
    m_log->append(LogLevel::Info, tr("Exported %1").arg(path));
    return {};
}

void StudioSession::fillTrainingContext(TrainingSettings &settings) const
{
    settings.model = m_document->standardModel();
    settings.runDirectory = defaultRunsDirectory() + QLatin1Char('/')
        + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    // The form beside the run's metrics, so that the Runs list can reopen the run with its settings.
    QDir().mkpath(settings.runDirectory);
    QFile file(QDir(settings.runDirectory).filePath(QLatin1String(kRunSettingsFile)));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(trainingSettingsToJson(settings)).toJson()) < 0)
        m_log->append(LogLevel::Warning, tr("Could not write %1: %2").arg(file.fileName(), file.errorString()));
    QStringList probes; // the pinned probe images, read on the training thread
    for (int row = 0; row < std::min(4, m_document->imageCount()); ++row)
        probes << m_document->image(row).path;
    if (!probes.isEmpty())
        settings.probes = [reader = m_document->inputReader(), probes] { return reader.read(probes).inputs; };
}

} // namespace bcos::widgets
