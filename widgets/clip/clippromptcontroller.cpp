#include "clippromptcontroller.h"

#include "widgets/session/demodata.h"
#include "widgets/session/document.h"
#include "widgets/session/modelloading.h"
#include "widgets/jobs/documentjobs.h"
#include "widgets/jobs/resultcache.h"

#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/models/clipmodelfile.h"
#include "core/text/prompttemplates.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <mutex>

namespace bcos::widgets {

/// What one cell shows: the power it was rendered for and its RGBA map.
struct ClipPromptController::Cell {
    double power = 0;
    at::Tensor rgba;
};

ClipPromptController::ClipPromptController(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_cache(cache)
    , m_tokenizer(std::make_shared<TokenizerSlot>())
    , m_precomputeJobs(runner, JobScheduler::Concurrency::OneAtATime)
    , m_renderJobs(runner, JobScheduler::Concurrency::OneAtATime)
    , m_rendered(64 * 1024)
{
    m_precomputeJobs.setPlanner([this] { schedule(); });
    m_renderJobs.setPlanner([this] { startRender(); });
    connect(&m_prompts, &QAbstractItemModel::rowsInserted, this, &ClipPromptController::updateColumns);
    connect(&m_prompts, &QAbstractItemModel::rowsRemoved, this, &ClipPromptController::updateColumns);
    connect(&m_prompts, &QAbstractItemModel::dataChanged, this, &ClipPromptController::updateColumns);
    followDocument(m_precomputeJobs, document, DocumentChanges::Images); // a new model: old maps unwanted
    connect(&document, &Document::modelChanged, this, [this] {
        m_rendered.clear();
        m_skipped.clear();
        updateColumns();
    });
}

ClipPromptController::~ClipPromptController() = default;

QStringList ClipPromptController::prompts() const
{
    return m_prompts.stringList();
}

void ClipPromptController::addPrompt(const QString &prompt)
{
    const QString text = prompt.trimmed();
    if (text.isEmpty())
        return;
    const int row = m_prompts.rowCount();
    m_prompts.insertRows(row, 1);
    m_prompts.setData(m_prompts.index(row), text); // updateColumns(): the column is in the Document now
    Q_EMIT promptAdded(columnId(row));
}

void ClipPromptController::removePrompt(int row)
{
    if (row >= 0 && row < m_prompts.rowCount())
        m_prompts.removeRows(row, 1);
}

QString ClipPromptController::imagenetTemplatesText()
{
    return QString::fromStdString(core::PromptTemplates().toText());
}

void ClipPromptController::setTemplatesText(const QString &text)
{
    m_templatesText = text;
    m_templatesError.clear();
    m_templates.clear();
    try {
        m_templates = core::PromptTemplates::fromText(text.toStdString()).templates();
    } catch (const core::Error &error) {
        m_templatesError = QString::fromStdString(error.what());
    }
    updateColumns();
}

void ClipPromptController::setVocabPath(const QString &path)
{
    if (path == m_vocabPath)
        return;
    m_vocabPath = path;
    m_vocabError.clear();
    Q_EMIT vocabPathChanged(path);
    updateColumns();
}

QString ClipPromptController::findVocab()
{
    const QString name = QStringLiteral("bpe_simple_vocab_16e6.txt.gz");
    QStringList candidates{qEnvironmentVariable("BCOS_CLIP_VOCAB")};
    for (const QString &dir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        candidates << dir + QStringLiteral("/bcos/") + name;
    candidates << QDir::homePath() + QStringLiteral("/.cache/clip/") + name
               << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/bcos/") + name
               << findDemoFile(name); // shipped with the demo CLIP
    for (const QString &candidate : std::as_const(candidates))
        if (!candidate.isEmpty() && QFileInfo(candidate).isFile())
            return QFileInfo(candidate).absoluteFilePath();
    return {};
}

void ClipPromptController::setCosinePower(double power)
{
    if (!(power >= 0) || power == m_power)
        return;
    m_power = power;
    Q_EMIT cosinePowerChanged(power);
    m_renderJobs.requestSchedule();
}

QString ClipPromptController::modelRequirement() const
{
    const LoadedModel *model = m_document.model();
    if (!model)
        return tr("load a B-cos CLIP model (File > Open Model)");
    if (!model->clip)
        return tr("the loaded model is not a CLIP model; text prompts need a B-cosified CLIP model");
    if (!model->clip->hasText())
        return tr("the CLIP model file has no text tower to encode prompts");
    return {};
}

QString ClipPromptController::requirement() const
{
    if (const QString model = modelRequirement(); !model.isEmpty())
        return model;
    if (m_vocabPath.isEmpty())
        return tr("needs CLIP's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz): choose it in the Text prompts panel");
    if (!QFileInfo(m_vocabPath).isFile())
        return tr("BPE vocabulary %1 not found: choose bpe_simple_vocab_16e6.txt.gz in the Text prompts panel")
            .arg(m_vocabPath);
    if (!m_vocabError.isEmpty())
        return tr("cannot read the BPE vocabulary: %1").arg(m_vocabError);
    if (!m_templatesError.isEmpty())
        return tr("invalid templates: %1").arg(m_templatesError);
    return {};
}

QString ClipPromptController::columnId(int row) const
{
    return QStringLiteral("clip:") + m_prompts.index(row).data().toString();
}

QVector<ViewColumn> ClipPromptController::makeColumns() const
{
    const LoadedModel *model = m_document.model();
    if (!model || !model->clip) // prompts belong to CLIP models; a classifier's grid stays as it is
        return {};
    const QString why = requirement();
    QStringList parts;
    for (const std::string &t : m_templates)
        parts << QString::fromStdString(t);
    const QString templates = parts.join(QLatin1Char('\n'));
    QVector<ViewColumn> columns;
    for (int row = 0; row < m_prompts.rowCount(); ++row) {
        const QString prompt = m_prompts.index(row).data().toString();
        if (prompt.trimmed().isEmpty()) // a row being added or edited
            continue;
        // Everything the precompute depends on is in the spec, so it is part of the cache key.
        ColumnSpec spec;
        spec.kind = ColumnSpec::Kind::ClipPrompt;
        spec.model = ModelRole::Bcos;
        spec.prompt = prompt;
        spec.templates = templates;
        spec.vocab = m_vocabPath;
        columns.append({columnId(row), tr("CLIP: %1").arg(prompt), why, why.isEmpty(), spec});
    }
    return columns;
}

void ClipPromptController::updateColumns()
{
    m_skipped.clear(); // new prompts, templates or vocabulary: try again
    m_document.setExtraColumns(makeColumns());
    Q_EMIT availabilityChanged();
    m_precomputeJobs.requestSchedule();
}

QString ClipPromptController::cellKey(const QString &imagePath, int row) const
{
    const auto model = m_document.bcosModel();
    if (!model)
        return {};
    const QString id = columnId(row);
    for (const ViewColumn &column : makeColumns())
        if (column.id == id)
            return ResultKey::make(imagePath, *model, column).toString();
    return {};
}

at::Tensor ClipPromptController::renderedRgba(const QString &imagePath, int row) const
{
    const Cell *cell = m_rendered.object(cellKey(imagePath, row));
    return cell ? cell->rgba : at::Tensor();
}

double ClipPromptController::renderedPower(const QString &imagePath, int row) const
{
    const Cell *cell = m_rendered.object(cellKey(imagePath, row));
    return cell ? cell->power : -1.0;
}

void ClipPromptController::schedule()
{
    const auto model = m_document.bcosModel();
    if (!model || !model->clip || !requirement().isEmpty())
        return;
    QVector<PromptJob> jobs;
    bool stale = false;
    for (const ViewColumn &column : makeColumns()) {
        PromptJob job{column.spec.prompt.toStdString(), {}, {}};
        for (const ImageRecord &record : m_document.images()) {
            const ResultKey key = ResultKey::make(record.path, *model, column);
            if (m_cache.localization(key)) // precomputed: at most a re-weighting is missing
                stale = stale || needsRender(key);
            else if (!m_skipped.contains(key.toString()) && !m_document.isUnreadable(record.path)) {
                job.paths << record.path;
                job.keys << key;
            }
        }
        if (!job.keys.isEmpty())
            jobs << job;
    }
    if (stale)
        m_renderJobs.requestSchedule();
    if (!jobs.isEmpty())
        startPrecompute(model, jobs);
}

void ClipPromptController::startPrecompute(const std::shared_ptr<LoadedModel> &model, const QVector<PromptJob> &jobs)
{
    QVector<ResultKey> keys;
    QStringList pending;
    for (const PromptJob &job : jobs)
        for (const ResultKey &key : job.keys) {
            keys << key;
            pending << key.toString();
        }
    const PromptSetup setup{model, m_vocabPath.toStdString(), m_templates, m_power, m_tokenizer, m_precomputes,
                            m_document.inputReader()};
    m_precomputeJobs.submit<PromptCell>(
        tr("CLIP text localisation"), pending, this,
        [setup, jobs](TaskContext &context, const JobScheduler::Deliver<PromptCell> &deliver) {
            precomputePrompts(context, setup, jobs, deliver);
        },
        [this](const PromptCell &result) { storePrecomputed(result); },
        [this, keys](const JobEnd &end) { onPrecomputeEnded(end, keys); });
}

void ClipPromptController::storePrecomputed(const PromptCell &result)
{
    if (!result.vocabError.isEmpty()) {
        m_vocabError = result.vocabError;
        updateColumns();
        return;
    }
    m_cache.insertLocalization(result.key, result.localization);
    storeRendered(result.key, result.power, result.rgba, result.cell);
    if (result.power != m_power) // the slider moved meanwhile
        m_renderJobs.requestSchedule();
    Q_EMIT resultsReady();
}

void ClipPromptController::onPrecomputeEnded(const JobEnd &end, const QVector<ResultKey> &keys)
{
    // Failed (the Document logs why) or cancelled by the user: not restarted until the inputs change.
    const bool failed = end.outcome == TaskEnd::Outcome::Failed;
    const bool cancelledByUser = end.outcome == TaskEnd::Outcome::Cancelled && !end.stale;
    if (failed || cancelledByUser)
        for (const ResultKey &key : keys)
            if (!m_cache.localization(key))
                m_skipped.insert(key.toString());
    m_precomputeJobs.requestSchedule(); // work added meanwhile (images, prompts)
}

bool ClipPromptController::needsRender(const ResultKey &key) const
{
    const Cell *cell = m_rendered.object(key.toString()); // evicted: render again (cheap)
    return !cell || cell->power != m_power || !m_cache.contains(key);
}

void ClipPromptController::storeRendered(const ResultKey &key, double power, const at::Tensor &rgba, const QImage &image)
{
    m_cache.insert(key, image);
    m_rendered.insert(key.toString(), new Cell{power, rgba}, std::max<qint64>(1, rgba.numel() * qint64(sizeof(float)) / 1024));
}

/// What a re-weighting job hands back: the cells of `keys` at `power`.
struct ClipPromptController::Rendered {
    QVector<ResultKey> keys;
    double power = 0;
    QVector<at::Tensor> maps;
    QVector<QImage> images;
};

void ClipPromptController::startRender()
{
    const auto model = m_document.bcosModel();
    if (!model)
        return;
    QVector<ResultKey> keys;
    QVector<std::shared_ptr<const core::ClipLocalization>> localizations;
    for (const ViewColumn &column : makeColumns())
        for (const ImageRecord &record : m_document.images()) {
            const ResultKey key = ResultKey::make(record.path, *model, column);
            auto localization = m_cache.localization(key);
            if (localization && needsRender(key)) {
                keys << key;
                localizations << std::move(localization);
            }
        }
    if (keys.isEmpty())
        return;
    const double power = m_power;
    m_renderJobs.submit<Rendered>(tr("Cosine power %1").arg(power), {}, this,
        [keys, localizations, power](TaskContext &context, const JobScheduler::Deliver<Rendered> &deliver) {
            Rendered result{keys, power, {}, {}};
            for (const auto &localization : localizations) { // weighted sums of the stored maps: no network pass
                if (context.isCancelled())
                    return;
                const core::LocalizationMaps maps = localization->mapsForPower(power);
                result.maps << maps.rgba;
                result.images << renderLocalization(maps);
            }
            deliver(std::move(result));
        },
        [this](const Rendered &result) { storeRenders(result); });
}

void ClipPromptController::storeRenders(const Rendered &result)
{
    for (int i = 0; i < result.keys.size(); ++i)
        storeRendered(result.keys[i], result.power, result.maps[i], result.images[i]);
    m_renders += static_cast<int>(result.keys.size());
    Q_EMIT resultsReady();
}

} // namespace bcos::widgets
