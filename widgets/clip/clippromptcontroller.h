#pragma once

#include "widgets/clip/cliplocalizationjob.h"
#include "widgets/jobs/jobscheduler.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/viewcolumn.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QStringListModel>

#include <ATen/core/Tensor.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace bcos::core {
struct LocalizationMaps;
}

namespace bcos::widgets {

class Document;
struct LoadedModel;

/// CLIP text-prompt localisation in the studio (B-cosification paper, Sec. 5.3). Owns the prompt list (an
/// editable QStringListModel), the prompt templates, the BPE vocabulary path and the cosine power, and gives the
/// Document one column "CLIP: <prompt>" per prompt. For every image x prompt it runs the expensive
/// core::ClipLocalization::compute once on the TaskRunner (progress, cancel) and keeps it in the ResultCache
/// (key: image x model x prompt x templates); a new cosine power only re-weights those precomputes
/// (mapsForPower, no network pass) in a worker that always renders the latest power, so the maps follow the
/// slider while it is dragged. A precompute the user cancels (or that fails) is not restarted until the
/// prompts, templates, vocabulary or model change.
class ClipPromptController : public QObject {
    Q_OBJECT
public:
    ClipPromptController(Document &document, TaskRunner &runner, ResultCache &cache, QObject *parent = nullptr);
    ~ClipPromptController() override;

    /// The prompts, one grid column each; edit through the model (add/remove rows, setData).
    QStringListModel *promptModel() { return &m_prompts; }
    QStringList prompts() const;
    void addPrompt(const QString &prompt);
    void removePrompt(int row);

    /// Prompt templates as text, one per line ("{}" = the prompt; blank and '#' lines ignored); empty = the
    /// prompt as given. An invalid template makes the columns unavailable with the core's message.
    QString templatesText() const { return m_templatesText; }
    void setTemplatesText(const QString &text);
    /// CLIP's 80 ImageNet templates as text.
    static QString imagenetTemplatesText();

    /// CLIP's BPE merge list (bpe_simple_vocab_16e6.txt.gz); empty or missing -> columns say what is needed.
    QString vocabPath() const { return m_vocabPath; }
    void setVocabPath(const QString &path);
    /// The first existing file among the usual places: $BCOS_CLIP_VOCAB, the user's data folders
    /// (<GenericDataLocation>/bcos/, ~/.cache/clip/), <application dir>/../share/bcos/ and the demo's copy
    /// (findDemoFile, beside the demo CLIP); empty when none.
    static QString findVocab();

    double cosinePower() const { return m_power; }
    /// Re-weights the precomputed maps for `power` >= 0 (no network pass).
    void setCosinePower(double power);

    /// Why the prompts cannot be explained with the current model (no model, not CLIP, no text tower); empty
    /// when the model is fine. The panel disables its editors while this is non-empty.
    QString modelRequirement() const;
    /// Why the prompt columns are unavailable (the model requirement, then vocabulary or templates); empty
    /// when they run.
    QString requirement() const;

    /// The RGBA map [H, W, 4] shown for image `imagePath` x prompt `row` at the power it was last rendered
    /// with (renderedPower); undefined tensor when none yet.
    at::Tensor renderedRgba(const QString &imagePath, int row) const;
    double renderedPower(const QString &imagePath, int row) const;
    /// Counters for tests and the status bar: network precomputes run (ClipLocalization::compute calls) and
    /// re-weightings rendered.
    int precomputeCount() const { return m_precomputes->load(); }
    int renderCount() const { return m_renders; }
    /// No precompute or rendering running or scheduled.
    bool isIdle() const { return m_precomputeJobs.isIdle() && m_renderJobs.isIdle(); }

Q_SIGNALS:
    /// New maps are in the cache (the grid should repaint).
    void resultsReady();
    /// modelRequirement()/requirement() may have changed.
    void availabilityChanged();
    void cosinePowerChanged(double power);
    /// addPrompt() added a prompt: its grid column (ViewColumn::id) is in the Document's columns.
    void promptAdded(const QString &columnId);
    void vocabPathChanged(const QString &path);

private:
    struct Cell;
    struct Rendered;
    QString columnId(int row) const;
    QVector<ViewColumn> makeColumns() const;
    void updateColumns();
    void schedule();
    void startPrecompute(const std::shared_ptr<LoadedModel> &model, const QVector<PromptJob> &jobs);
    void storePrecomputed(const PromptCell &result);
    void onPrecomputeEnded(const JobEnd &end, const QVector<ResultKey> &keys);
    void startRender();
    void storeRenders(const Rendered &result);
    bool needsRender(const ResultKey &key) const;
    void storeRendered(const ResultKey &key, double power, const at::Tensor &rgba, const QImage &image);
    QString cellKey(const QString &imagePath, int row) const;

    Document &m_document;
    ResultCache &m_cache;
    QStringListModel m_prompts;
    QString m_templatesText;
    std::vector<std::string> m_templates;
    QString m_templatesError;
    QString m_vocabPath;
    QString m_vocabError; ///< the tokenizer could not read the file
    double m_power = 1.0;
    std::shared_ptr<TokenizerSlot> m_tokenizer;
    std::shared_ptr<std::atomic<int>> m_precomputes = std::make_shared<std::atomic<int>>(0);
    int m_renders = 0;
    QSet<QString> m_skipped; ///< failed (the log says why) or cancelled by the user: retried after a change
    /// Network precomputes, one job at a time (they share the model's lock anyway), so a pool thread stays free
    /// for the slider's re-weighting.
    JobScheduler m_precomputeJobs;
    /// Re-weightings for the latest cosine power, one at a time.
    JobScheduler m_renderJobs;
    QCache<QString, Cell> m_rendered; ///< key -> what the cell shows (bounded, cost in KiB)
};

} // namespace bcos::widgets
