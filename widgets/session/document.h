#pragma once

#include "core/bcosify/bcosify.h"
#include "widgets/session/demodata.h"
#include "widgets/session/imageloader.h"
#include "widgets/session/imagerecord.h"
#include "widgets/session/inputreader.h"
#include "widgets/session/imagevalues.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/modelloading.h"
#include "widgets/session/viewcolumn.h"

#include <QHash>
#include <QObject>
#include <QUndoStack>
#include <QVector>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

namespace bcos::core {
class ExplanationStore;
}

namespace bcos::widgets {

class InputCache;
class TaskRunner;
struct StoreContents;

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
    /// Decodes files/folders in the background, then adds the good ones as one undoable command. Images in a
    /// folder's class folders (FOLDER/<class>/...) are labelled with the selected model's classes, as `bcos
    /// evaluate` reads class folders (core::classOrder), and again whenever the model changes.
    /// Errors (corrupt/non-image files) go to logMessage(); returns the task id.
    int addImages(const QStringList &paths);
    /// Writes the first 16 Fashion-MNIST test images (or, without the dataset, the synthetic patterns) into
    /// `dir` (worker) and adds them like addImages().
    int addDemoImages(const QString &dir);
    /// Writes the first images of a dataset split (worker, writeDatasetImages()) and adds them like addImages(),
    /// each with its ground-truth label (ImageRecord::label). Returns the task id.
    int addDatasetImages(const DatasetImagesRequest &request);
    /// Opens the explanation store in `folder` (written by `bcos explain --out FOLDER/`) on the worker: loads the
    /// model it was computed with, adds its images (undoable, with their labels) and replaces values() with its
    /// per-image values; the explanation columns of that model then show the stored maps without recomputing
    /// (ExplanationJobs asks storedMaps()). The W(x)x column takes the store's rendering. Returns the task id.
    int openStore(const QString &folder);
    /// The open store; null when none.
    std::shared_ptr<const core::ExplanationStore> store() const { return m_store.store; }
    /// The stored image of a record path (storeImagePath() of the open store), -1 for any other image.
    qint64 storeIndexOf(const QString &path) const { return m_store.indexOf(path); }
    /// The per-image values (store metrics, or what the Metrics view computed) the browser sorts and filters by.
    ImageValues &values() { return m_values; }
    const ImageValues &values() const { return m_values; }
    /// At most this many decoded images go into the document at once (rows appear while a folder loads; 1024).
    void setImageBatch(int images) { m_imageBatch = std::max(1, images); }
    /// Removes rows (undoable).
    void removeImages(QList<int> rows);
    /// Low-level edits used by the undo commands (Q_EMIT the about-to/done signals).
    void insertImages(int row, const QVector<ImageRecord> &records);
    QVector<ImageRecord> takeImages(int row, int count);
    QUndoStack *undoStack() { return &m_undoStack; }

    // Model inputs (decoded on demand)
    /// The decoded inputs kept for the jobs, bounded by its budget (shared with the workers).
    InputCache &inputCache() { return *m_inputCache; }
    const InputCache &inputCache() const { return *m_inputCache; }
    /// Reads the images' inputs for the current model's crop (worker side; copy it into a job).
    InputReader inputReader() const;
    /// The input of image `path` for the current model if it is decoded already (the grid's Input column); null
    /// otherwise. Never decodes: GUI thread.
    QImage cachedInput(const QString &path) const;
    /// Records images that a job could not read again (moved, deleted or damaged since they were added): logs
    /// each once; the jobs then leave them out.
    void markUnreadable(const QVector<ImageLoadError> &errors);
    /// Why image `path` could not be read again; empty while it can.
    QString unreadableReason(const QString &path) const { return m_unreadable.value(path); }
    bool isUnreadable(const QString &path) const { return m_unreadable.contains(path); }

    // Model
    void setModelLoader(ModelLoader loader) { m_loader = std::move(loader); }
    /// Where models loaded from now on run their explanations, predictions and CLIP prompt maps ("cpu", "cuda:0";
    /// the studio takes Edit > Preferences' choice, by default the first GPU when there is one).
    void setComputeDevice(const QString &device) { m_computeDevice = device; }
    QString computeDevice() const { return m_computeDevice; }
    /// setComputeDevice(), and the models loaded now move there on a worker, each under its mutex (a job on a model
    /// runs before or after its move); models whose load is under way move when they arrive. A device this machine
    /// lacks is refused: the log says why and nothing changes (returns -1). Returns the move's task id, 0 when no
    /// model had to move.
    int moveModelsTo(const QString &device);
    /// Loads a model file on the worker with the ModelLoader; emits modelChanged() or modelLoadFailed().
    /// A standard model replaces both models; a B-cos model replaces both too (no original to compare with).
    int loadModel(const QString &path, const std::optional<ArchitectureSpec> &architecture = std::nullopt);
    /// B-cosifies the loaded standard model with `settings` (core::bcosify) on the worker; the standard model
    /// is kept (before/after columns). Returns the task id, 0 when there is no standard model.
    int bcosifyModel(const core::BcosSettings &settings);
    /// The same with alignment exponent `b` and the paper's other defaults.
    int bcosifyModel(double b);
    /// Loads a training run's model file (worker) as the fine-tuned model, beside the standard and B-cosified
    /// ones (their columns stay: before and after fine-tuning side by side). `runName` labels it in the log.
    int loadFineTunedModel(const QString &path, const QString &runName);
    /// Loads a standard model and a fine-tuned B-cos model of it in one worker task (the demo: the original and
    /// its B-cosified, fine-tuned version side by side); emits modelChanged() once both are in.
    int loadModelWithFineTuned(const QString &standardPath, const QString &fineTunedPath, const QString &runName);
    /// Counts on the worker what bcosifyModel(`settings`) would change (core::countBcosifyChanges on the
    /// standard model's architecture); `onCounted` (or `onFailed` with the readable message) runs on the GUI
    /// thread while `receiver` lives. Returns the task id, 0 when there is no standard model.
    int countBcosifyChanges(const core::BcosSettings &settings, QObject *receiver,
                            std::function<void(const core::BcosifyChanges &)> onCounted,
                            std::function<void(const QString &)> onFailed = {});
    bool hasModel() const { return model() != nullptr; }
    /// The selected model (predictions in the browser and its filters): the selected role when loaded, else
    /// the most trained one (fine-tuned, B-cos, standard).
    const LoadedModel *model() const { return selectedModel().get(); }
    std::shared_ptr<LoadedModel> selectedModel() const;
    ModelRole selectedRole() const;
    /// Selects whose predictions the browser shows and filters by; emits selectedModelChanged().
    void setSelectedRole(ModelRole role);
    std::shared_ptr<LoadedModel> standardModel() const { return m_standard; }
    std::shared_ptr<LoadedModel> bcosModel() const { return m_bcos; }
    std::shared_ptr<LoadedModel> fineTunedModel() const { return m_fineTuned; }
    std::shared_ptr<LoadedModel> modelOf(ModelRole role) const;
    /// The loaded classifier models (not CLIP), each with its role, in the order standard, B-cos, fine-tuned.
    QVector<std::pair<ModelRole, std::shared_ptr<LoadedModel>>> classifierModels() const;
    /// The model a column runs on (its spec's ModelRole); null when not loaded.
    std::shared_ptr<LoadedModel> modelFor(const ViewColumn &column) const;
    InputGeometry inputGeometry() const;

    // Views
    const QVector<ViewColumn> &columns() const { return m_columns; }
    /// The explained class of every method column: -1 = each image's predicted class.
    int targetClass() const { return m_targetClass; }
    void setTargetClass(int target);
    /// Replaces the view settings of column `id` (the method, model and target stay).
    void setColumnView(const QString &id, const ViewSettings &view);
    /// Columns appended after the built-in ones (the CLIP text prompts); computed by their own controller.
    void setExtraColumns(const QVector<ViewColumn> &columns);
    /// True when the primary model is a CLIP model (text prompts instead of classes).
    bool hasClipModel() const { return model() && model()->clip; }

Q_SIGNALS:
    void imagesAboutToBeInserted(int first, int last);
    void imagesInserted(int first, int last);
    void imagesAboutToBeRemoved(int first, int last);
    void imagesRemoved(int first, int last);
    void columnsChanged();
    void modelChanged();
    void selectedModelChanged();
    void modelLoadFailed(const QString &path, const QString &message);
    /// An explanation store was opened (store() is set).
    void storeOpened();
    void logMessage(bcos::widgets::LogLevel level, const QString &message);

private:
    int loadImagesAsync(std::function<DatasetImages()> paths);
    /// The label of an image of a class folder for the selected model's classes (core::classOrder: folders named as
    /// its classes, or as many in sorted order); -1 when they are not its classes or there is no model.
    int classFolderLabel(const ImageRecord &record) const;
    /// classFolderLabel() for every such image: the model changed.
    void relabelClassFolders();
    void onImagesLoaded(const ImageLoadResult &result, int batch);
    void onImagesDone(int batch);
    using LoadedModels = std::vector<std::shared_ptr<LoadedModel>>;
    /// Loads `requests` in one worker task (in order) and hands the models to `onLoaded` on the GUI thread, unless
    /// the document is gone by then. Returns the task id.
    int loadModelsAsync(const QString &title, std::vector<ModelLoadRequest> requests,
                        std::function<void(Document &, const LoadedModels &)> onLoaded);
    void onModelLoaded(const std::shared_ptr<LoadedModel> &model);
    /// Models just loaded onto `loadedOn`: moved to the compute device when it changed while they loaded.
    void followComputeDevice(const LoadedModels &models, const std::string &loadedOn);
    /// Moves `models` to `device` in one worker task (moveLoadedModel under each model's mutex).
    int moveModels(LoadedModels models, const QString &device);
    void setModels(std::shared_ptr<LoadedModel> standard, std::shared_ptr<LoadedModel> bcos);
    void setFineTunedModel(std::shared_ptr<LoadedModel> model);
    void updateColumns();
    /// Empties the input cache when the selected model's crop differs from `before`.
    void dropOtherCrops(const InputGeometry &before);
    void onTaskFailed(int id, const QString &title, const QString &message);
    void onStoreRead(const std::shared_ptr<StoreContents> &contents, const std::shared_ptr<LoadedModel> &model);

    TaskRunner &m_runner;
    QString m_computeDevice = QStringLiteral("cpu");
    QUndoStack m_undoStack;
    QVector<ImageRecord> m_images;
    ModelLoader m_loader;
    std::shared_ptr<LoadedModel> m_standard;
    std::shared_ptr<LoadedModel> m_bcos;
    std::shared_ptr<LoadedModel> m_fineTuned;
    std::optional<ModelRole> m_selectedRole;
    QVector<ViewColumn> m_columns;
    QHash<QString, ViewSettings> m_columnViews; ///< user-edited view settings per column id
    QVector<ViewColumn> m_extraColumns;
    int m_targetClass = -1;
    std::pair<int, QString> m_modelTask{0, {}}; ///< id and path of the latest model load
    StoreImages m_store;           ///< the open store
    QVector<StoreImages> m_stores; ///< every store opened: their images stay in the session (undo, redo)
    std::shared_ptr<InputCache> m_inputCache;
    QHash<QString, QString> m_unreadable; ///< images a job could not read again, and why
    ImageValues m_values;
    int m_imageBatch = 1024;
    int m_loadBatches = 0;            ///< ids of image loads (their inserts merge into one undo step)
    QHash<int, int> m_batchAdded;     ///< images added so far per load, logged when it ends
    QHash<QString, QStringList> m_classFolders; ///< per dropped folder, its class folders (ImageLoadResult)
    mutable QHash<QString, QHash<QString, int>> m_folderLabels; ///< per dropped folder: class folder -> label
};

} // namespace bcos::widgets
