#pragma once

#include "widgets/imageloader.h"
#include "widgets/imagerecord.h"
#include "widgets/logmodel.h"
#include "widgets/modelloading.h"
#include "widgets/viewcolumn.h"

#include <QHash>
#include <QObject>
#include <QUndoStack>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace bcos::widgets {

class TaskRunner;

/// The open session: images, the loaded model and the view columns. Views (item models) attach to its
/// signals; edits go through undoStack() commands. Decoding and model loading run on the TaskRunner.
class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(TaskRunner &runner, QObject *parent = nullptr);
    ~Document() override;

    // Images
    int imageCount() const { return static_cast<int>(m_images.size()); }
    const ImageRecord &image(int row) const { return m_images.at(row); }
    const QVector<ImageRecord> &images() const { return m_images; }
    /// Decodes files/folders in the background, then adds the good ones as one undoable command.
    /// Errors (corrupt/non-image files) go to logMessage(); returns the task id.
    int addImages(const QStringList &paths);
    /// Writes the synthetic demo patterns into `dir` (worker) and adds them like addImages().
    int addDemoImages(const QString &dir);
    /// Removes rows (undoable).
    void removeImages(QList<int> rows);
    /// Low-level edits used by the undo commands (Q_EMIT the about-to/done signals).
    void insertImages(int row, const QVector<ImageRecord> &records);
    QVector<ImageRecord> takeImages(int row, int count);
    QUndoStack *undoStack() { return &m_undoStack; }

    // Model
    void setModelLoader(ModelLoader loader) { m_loader = std::move(loader); }
    /// Loads a model file on the worker with the ModelLoader; emits modelChanged() or modelLoadFailed().
    int loadModel(const QString &path, const std::optional<ArchitectureSpec> &architecture = std::nullopt);
    bool hasModel() const { return m_model != nullptr; }
    const LoadedModel *model() const { return m_model.get(); }
    InputGeometry inputGeometry() const;

    // Views
    const QVector<ViewColumn> &columns() const { return m_columns; }

Q_SIGNALS:
    void imagesAboutToBeInserted(int first, int last);
    void imagesInserted(int first, int last);
    void imagesAboutToBeRemoved(int first, int last);
    void imagesRemoved(int first, int last);
    /// The row's record changed in place (e.g. its Input crop after a model with another input size).
    void imageChanged(int row);
    void columnsChanged();
    void modelChanged();
    void modelLoadFailed(const QString &path, const QString &message);
    void logMessage(bcos::widgets::LogLevel level, const QString &message);

private:
    int loadImagesAsync(std::function<QStringList()> paths);
    void onImagesLoaded(const ImageLoadResult &result);
    void onModelLoaded(const std::shared_ptr<LoadedModel> &model);
    void updateColumns();
    void recropImages();
    void applyInputs(const QHash<QString, QImage> &inputs);
    void onTaskFailed(int id, const QString &title, const QString &message);

    TaskRunner &m_runner;
    QUndoStack m_undoStack;
    QVector<ImageRecord> m_images;
    ModelLoader m_loader;
    std::shared_ptr<LoadedModel> m_model;
    QVector<ViewColumn> m_columns;
    std::pair<int, QString> m_modelTask{0, {}}; ///< id and path of the latest model load
};

} // namespace bcos::widgets
