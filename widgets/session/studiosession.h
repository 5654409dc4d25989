#pragma once

#include "widgets/session/modelloading.h"
#include "widgets/training/trainingcontroller.h"

#include <QObject>
#include <QString>

#include <memory>

namespace bcos::widgets {

class ClipPromptController;
class Document;
class ExplanationGridModel;
class ExplanationJobs;
class LogModel;
class PredictionJobs;
class ResultCache;
class TaskRunner;
struct ExportOptions;
struct GridSelection;

/// The studio without its window: the open Document, the TaskRunner, the ResultCache and the jobs that fill it
/// (explanations, predictions, CLIP prompts), the grid's item model, the training controller and the log. It
/// wires them together (results -> grid, document/training messages -> log, a new model clears the cache);
/// MainWindow puts views on top, and tests build it on its own.
class StudioSession : public QObject {
    Q_OBJECT
public:
    /// `loader` and `trainer` are the core seams (main() plugs in loadModelWithCore and trainWithCore; empty
    /// ones make loading and training fail with a clear message).
    StudioSession(ModelLoader loader, TrainFunction trainer, QObject *parent = nullptr);
    /// Cancels the background work and waits for it.
    ~StudioSession() override;

    TaskRunner &runner() { return *m_runner; }
    Document &document() { return *m_document; }
    ResultCache &cache() { return *m_cache; }
    LogModel &log() { return *m_log; }
    ExplanationJobs &explanations() { return *m_explanations; }
    PredictionJobs &predictions() { return *m_predictions; }
    ClipPromptController &clipPrompts() { return *m_clipPrompts; }
    ExplanationGridModel &gridModel() { return *m_gridModel; }
    TrainingController &training() { return *m_training; }

    /// No task running and no job kind about to schedule one.
    bool isIdle() const;
    /// Bounds the decoded images: the model inputs (Document::inputCache()) to `bytes`, and the thumbnails the
    /// browser decodes for the rows on screen (QPixmapCache) to thumbnailBudget(bytes) on top.
    void setMemoryBudget(qint64 bytes);
    /// An eighth of `bytes`, at least Qt's default of 10 MiB.
    static qint64 thumbnailBudget(qint64 bytes);
    /// Writes `selection` of the grid to `path` (format by suffix: png, svg, pdf) and, with `writeRecipe`, the
    /// JSON recipe to `path` + ".json"; logs the outcome. Returns the error message, empty on success.
    QString exportGrid(const QString &path, const ExportOptions &options, const GridSelection &selection,
                       bool writeRecipe);

private:
    void fillTrainingContext(TrainingSettings &settings) const;

    std::unique_ptr<TaskRunner> m_runner;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<ResultCache> m_cache;
    LogModel *m_log;
    ExplanationJobs *m_explanations;
    PredictionJobs *m_predictions;
    ClipPromptController *m_clipPrompts;
    ExplanationGridModel *m_gridModel;
    TrainingController *m_training;
};

} // namespace bcos::widgets
