#include "clippromptcontroller.h"

#include "widgets/session/document.h"
#include "widgets/session/modelloading.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/jobs/tensorimage.h"

#include "core/error.h"
#include "core/explain/cliplocalize.h"
#include "core/models/clipmodelfile.h"
#include "core/text/cliptokenizer.h"
#include "core/text/prompttemplates.h"

#include <torch/torch.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>

#include <mutex>

namespace bcos::widgets {

/// The tokenizer of the current vocabulary file, loaded once on a worker and shared by the tasks.
struct TokenizerSlot {
    std::mutex mutex;
    std::string path;
    std::shared_ptr<const core::ClipTokenizer> tokenizer;

    std::shared_ptr<const core::ClipTokenizer> get(const std::string &file)
    {
        std::lock_guard lock(mutex);
        if (!tokenizer || path != file) {
            tokenizer = std::make_shared<const core::ClipTokenizer>(file);
            path = file;
        }
        return tokenizer;
    }
};

/// What one cell shows: the power it was rendered for and its RGBA map.
struct ClipPromptController::Cell {
    double power = 0;
    at::Tensor rgba;
};

QImage renderLocalization(const core::LocalizationMaps &maps)
{
    const at::Tensor alpha = maps.rgba.slice(2, 3, 4);
    return imageFromTensor(maps.rgba.slice(2, 0, 3) * alpha);
}

ClipPromptController::ClipPromptController(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(runner)
    , m_cache(cache)
    , m_tokenizer(std::make_shared<TokenizerSlot>())
    , m_rendered(64 * 1024)
{
    connect(&m_prompts, &QAbstractItemModel::rowsInserted, this, &ClipPromptController::updateColumns);
    connect(&m_prompts, &QAbstractItemModel::rowsRemoved, this, &ClipPromptController::updateColumns);
    connect(&m_prompts, &QAbstractItemModel::dataChanged, this, &ClipPromptController::updateColumns);
    connect(&document, &Document::modelChanged, this, [this] {
        m_cancelling = m_precomputeTask != 0;
        m_runner.cancel(m_precomputeTask); // maps of the old model are no longer wanted
        m_rendered.clear();
        m_skipped.clear();
        updateColumns();
    });
    connect(&document, &Document::imagesInserted, this, &ClipPromptController::requestSchedule);
    connect(&document, &Document::imageChanged, this, &ClipPromptController::requestSchedule);
    connect(&runner, &TaskRunner::finished, this, &ClipPromptController::onTaskEnded);
    connect(&runner, &TaskRunner::cancelled, this, [this](int id) {
        if (id == m_precomputeTask && !m_cancelling)
            skipPrecomputeKeys(); // cancelled by the user: not restarted until the inputs change
        onTaskEnded(id);
    });
    connect(&runner, &TaskRunner::failed, this, &ClipPromptController::onPrecomputeFailed); // the Document logs why
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
    m_prompts.setData(m_prompts.index(row), text);
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
               << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/bcos/") + name;
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
    requestRender();
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
        // Everything the precompute depends on is in the params, so it is part of the cache key.
        const QJsonObject params{{QStringLiteral("method"), QStringLiteral("clip_prompt")},
                                 {QStringLiteral("model"), QStringLiteral("bcos")},
                                 {QStringLiteral("prompt"), prompt},
                                 {QStringLiteral("templates"), templates},
                                 {QStringLiteral("vocab"), m_vocabPath}};
        columns.append({columnId(row), tr("CLIP: %1").arg(prompt), why, why.isEmpty(), params});
    }
    return columns;
}

void ClipPromptController::updateColumns()
{
    m_skipped.clear(); // new prompts, templates or vocabulary: try again
    m_document.setExtraColumns(makeColumns());
    Q_EMIT availabilityChanged();
    requestSchedule();
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

bool ClipPromptController::isIdle() const
{
    return m_precomputeTask == 0 && m_renderTask == 0 && !m_scheduled && !m_renderAgain;
}

void ClipPromptController::requestSchedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &ClipPromptController::schedule);
}

/// The missing precomputes of one prompt column.
struct ClipPromptController::PromptJob {
    std::string prompt;
    QVector<QImage> inputs;
    QStringList keys;
};

void ClipPromptController::schedule()
{
    m_scheduled = false;
    const auto model = m_document.bcosModel();
    // One precompute task at a time (they share the model's lock anyway), so a pool thread stays free for the
    // slider's re-weighting; the task schedules again when it ends.
    if (!model || !model->clip || !requirement().isEmpty() || m_precomputeTask != 0)
        return;
    QVector<PromptJob> jobs;
    bool stale = false;
    for (const ViewColumn &column : makeColumns()) {
        PromptJob job{column.params.value(QStringLiteral("prompt")).toString().toStdString(), {}, {}};
        for (const ImageRecord &record : m_document.images()) {
            const QString key = ResultKey::make(record.path, *model, column).toString();
            if (m_cache.localization(key)) // precomputed: at most a re-weighting is missing
                stale = stale || needsRender(key);
            else if (!m_skipped.contains(key) && !record.input.isNull()) {
                job.inputs << record.input;
                job.keys << key;
            }
        }
        if (!job.keys.isEmpty())
            jobs << job;
    }
    if (stale)
        requestRender();
    if (!jobs.isEmpty())
        startPrecompute(model, jobs);
}

void ClipPromptController::startPrecompute(const std::shared_ptr<LoadedModel> &model, const QVector<PromptJob> &jobs)
{
    int total = 0;
    m_precomputeKeys.clear();
    for (const PromptJob &job : jobs) {
        total += static_cast<int>(job.keys.size());
        m_precomputeKeys << job.keys;
    }
    const std::string vocab = m_vocabPath.toStdString();
    const double power = m_power;
    QPointer<ClipPromptController> self(this);
    m_precomputeTask = m_runner.run(tr("CLIP text localisation"),
        [self, model, jobs, total, vocab, power, templates = m_templates, tokenizers = m_tokenizer,
         counter = m_precomputes](TaskContext &context) {
            std::shared_ptr<const core::ClipTokenizer> tokenizer;
            try {
                tokenizer = tokenizers->get(vocab);
            } catch (const core::Error &error) { // the columns then say why
                const QString message = QString::fromStdString(error.what());
                context.postToGui([self, message] {
                    if (self) {
                        self->m_vocabError = message;
                        self->updateColumns();
                    }
                });
                return;
            }
            std::lock_guard lock(*model->mutex); // explanation mode and autograd state are per module
            int done = 0;
            for (const PromptJob &job : jobs) {
                const at::Tensor text =
                    core::encodePrompt(model->clip->requireText(model->path), *tokenizer, job.prompt, templates);
                for (int i = 0; i < job.inputs.size(); ++i, ++done) {
                    if (context.isCancelled())
                        return;
                    context.progress(double(done) / total, tr("CLIP: %1 (%2 of %3)")
                                                               .arg(QString::fromStdString(job.prompt))
                                                               .arg(done + 1)
                                                               .arg(total));
                    const at::Tensor image = tensorFromImages({job.inputs[i]})[0];
                    auto localization = std::make_shared<const core::ClipLocalization>(core::ClipLocalization::compute(
                        *model->clip->image, torch::cat({image, 1 - image}, 0), text));
                    ++*counter;
                    const core::LocalizationMaps maps = localization->mapsForPower(power);
                    const QImage cell = renderLocalization(maps);
                    context.postToGui([self, key = job.keys[i], localization, power, rgba = maps.rgba, cell] {
                        if (!self)
                            return;
                        self->m_cache.insertLocalization(key, localization);
                        self->storeRendered(key, power, rgba, cell);
                        if (power != self->m_power) // the slider moved meanwhile
                            self->requestRender();
                        Q_EMIT self->resultsReady();
                    });
                }
            }
        });
}

bool ClipPromptController::needsRender(const QString &key) const
{
    const Cell *cell = m_rendered.object(key); // evicted: render again (cheap)
    return !cell || cell->power != m_power || !m_cache.containsKey(key);
}

void ClipPromptController::storeRendered(const QString &key, double power, const at::Tensor &rgba, const QImage &image)
{
    m_cache.insert(key, image);
    m_rendered.insert(key, new Cell{power, rgba}, std::max<qint64>(1, rgba.numel() * qint64(sizeof(float)) / 1024));
}

void ClipPromptController::requestRender()
{
    if (m_renderTask != 0) { // one re-weighting at a time; the latest power follows when it ends
        m_renderAgain = true;
        return;
    }
    startRender();
}

void ClipPromptController::startRender()
{
    m_renderAgain = false;
    const auto model = m_document.bcosModel();
    if (!model)
        return;
    QStringList keys;
    QVector<std::shared_ptr<const core::ClipLocalization>> localizations;
    for (const ViewColumn &column : makeColumns())
        for (const ImageRecord &record : m_document.images()) {
            const QString key = ResultKey::make(record.path, *model, column).toString();
            auto localization = m_cache.localization(key);
            if (localization && needsRender(key)) {
                keys << key;
                localizations << std::move(localization);
            }
        }
    if (keys.isEmpty())
        return;
    const double power = m_power;
    QPointer<ClipPromptController> self(this);
    m_renderTask = m_runner.run(tr("Cosine power %1").arg(power), [self, keys, localizations, power](TaskContext &context) {
        auto maps = std::make_shared<QVector<at::Tensor>>();
        auto images = std::make_shared<QVector<QImage>>();
        for (const auto &localization : localizations) { // weighted sums of the stored maps: no network pass
            if (context.isCancelled())
                return;
            const core::LocalizationMaps result = localization->mapsForPower(power);
            *maps << result.rgba;
            *images << renderLocalization(result);
        }
        context.postToGui([self, keys, maps, images, power] {
            if (!self)
                return;
            for (int i = 0; i < keys.size(); ++i)
                self->storeRendered(keys[i], power, (*maps)[i], (*images)[i]);
            self->m_renders += static_cast<int>(keys.size());
            Q_EMIT self->resultsReady();
        });
    });
}

void ClipPromptController::onTaskEnded(int id)
{
    if (id == m_renderTask) {
        m_renderTask = 0;
        if (m_renderAgain)
            startRender();
    } else if (id == m_precomputeTask) {
        m_precomputeTask = 0;
        m_precomputeKeys.clear();
        m_cancelling = false;
        requestSchedule(); // work added meanwhile (images, prompts)
    }
}

void ClipPromptController::onPrecomputeFailed(int id)
{
    if (id == m_precomputeTask)
        skipPrecomputeKeys();
    onTaskEnded(id);
}

void ClipPromptController::skipPrecomputeKeys()
{
    for (const QString &key : std::as_const(m_precomputeKeys))
        if (!m_cache.localization(key))
            m_skipped.insert(key);
}

} // namespace bcos::widgets
