#include "document.h"

#include "widgets/session/demodata.h"
#include "widgets/session/demoimages.h"
#include "widgets/session/imagelistcommand.h"
#include "widgets/session/inputcache.h"
#include "widgets/session/storeimport.h"
#include "widgets/jobs/taskrunner.h"

#include "core/data/classorder.h"
#include "core/device.h"
#include "core/error.h"
#include "core/eval/explanationstore.h"
#include "core/imaging/imagefolder.h"
#include "core/models/clipmodelfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QPointer>

#include <algorithm>
#include <tuple>

namespace bcos::widgets {

Document::Document(TaskRunner &runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
    , m_inputCache(std::make_shared<InputCache>())
{
    updateColumns();
    connect(&m_runner, &TaskRunner::failed, this, &Document::onTaskFailed);
}

Document::~Document() = default;

void Document::onTaskFailed(int id, const QString &title, const QString &message)
{
    if (id != m_modelTask.first) {
        Q_EMIT logMessage(LogLevel::Error, tr("%1 failed: %2").arg(title, message));
        return;
    }
    const QString path = m_modelTask.second;
    Q_EMIT logMessage(LogLevel::Error, tr("Could not load model %1: %2").arg(path, message));
    Q_EMIT modelLoadFailed(path, message);
}

InputGeometry Document::inputGeometry() const
{
    if (!model())
        return {};
    const auto &p = model()->description.preprocessing;
    return {static_cast<int>(p.inputSize), static_cast<int>(p.resizeSize)};
}

int Document::addImages(const QStringList &paths)
{
    return loadImagesAsync([paths] { return DatasetImages{paths, {}}; });
}

int Document::addDemoImages(const QString &dir)
{
    const QString dataset = fashionMnistDir();
    if (hasFashionMnist(dataset)) {
        Q_EMIT logMessage(LogLevel::Info, tr("Demo: the first 16 Fashion-MNIST test images from %1.").arg(dataset));
        return loadImagesAsync([dataset, dir] { return writeFashionMnistImages(dataset, dir); });
    }
    Q_EMIT logMessage(LogLevel::Warning, tr("Demo: Fashion-MNIST not found in %1; adding synthetic test patterns "
                                          "instead (no model was trained on them).").arg(dataset));
    return loadImagesAsync([dir] { return DatasetImages{writeDemoImages(dir), {}}; });
}

int Document::addDatasetImages(const DatasetImagesRequest &request)
{
    Q_EMIT logMessage(LogLevel::Info, tr("Adding the first %n image(s) of the %1 split of %2.", nullptr, request.count)
                                        .arg(request.train ? tr("training") : tr("test"), request.datasetDir));
    return loadImagesAsync([request] { return writeDatasetImages(request); });
}

InputReader Document::inputReader() const
{
    return InputReader(m_inputCache, inputGeometry(), m_stores);
}

QImage Document::cachedInput(const QString &path) const
{
    return m_inputCache->find(InputCache::key(path, inputGeometry()));
}

void Document::markUnreadable(const QVector<ImageLoadError> &errors)
{
    for (const ImageLoadError &error : errors) {
        if (m_unreadable.contains(error.path))
            continue;
        m_unreadable.insert(error.path, error.message);
        Q_EMIT logMessage(LogLevel::Error, tr("Could not read %1 again: %2").arg(error.path, error.message));
    }
}

int Document::loadImagesAsync(std::function<DatasetImages()> paths)
{
    // The crops made while decoding go into the input cache: the first predictions need not decode again.
    const ImageLoader loader(inputGeometry(), m_inputCache);
    const int batch = ++m_loadBatches;
    const int batchImages = m_imageBatch;
    // Results come back through a QPointer checked on the GUI thread: a document closed meanwhile gets nothing.
    // Rows appear in batches while the worker decodes (a folder of 50,000 files shows its first images at once).
    return m_runner.run(tr("Loading images"), [self = QPointer(this), loader, paths, batch, batchImages](TaskContext &context) {
        const DatasetImages files = paths();
        QHash<QString, int> labels; // ground truth of dataset images, by absolute path
        for (int i = 0; i < files.labels.size(); ++i)
            labels.insert(QFileInfo(files.paths.at(i)).absoluteFilePath(), files.labels.at(i));
        int skipped = 0;
        QStringList all;
        QHash<QString, std::pair<QString, QString>> classFolderOf; // file -> (dropped folder, its class folder)
        QHash<QString, QStringList> classFolders;
        QVector<ImageLoadError> unreadableFolders;
        for (const QString &path : files.paths) {
            QStringList found;
            QStringList folders; // a folder's class folders, numbered as bcos evaluate does: those without images too
            const bool isFolder = QFileInfo(path).isDir();
            try {
                found = loader.expand({path}, skipped);
                if (isFolder)
                    for (const std::string &folder : imaging::classFolders(QFile::encodeName(path).toStdString()))
                        folders << QFile::decodeName(folder.c_str());
            } catch (const core::Error &error) { // a folder it cannot read: said, and the other paths load
                unreadableFolders.push_back({path, QString::fromUtf8(error.what())});
                continue;
            }
            all << found;
            if (!isFolder)
                continue;
            const QDir root(path);
            bool inClassFolders = false;
            for (const QString &file : found)
                if (const QString relative = root.relativeFilePath(file); relative.contains(QLatin1Char('/'))) {
                    classFolderOf.insert(file, {root.absolutePath(), relative.section(QLatin1Char('/'), 0, 0)});
                    inClassFolders = true;
                }
            if (inClassFolders)
                classFolders.insert(root.absolutePath(), folders);
        }
        QElapsedTimer sincePost;
        sincePost.start();
        auto pending = std::make_shared<ImageLoadResult>();
        pending->errors = unreadableFolders;
        const auto post = [&] {
            context.postToGui([self, pending, batch] {
                if (self)
                    self->onImagesLoaded(*pending, batch);
            });
            pending = std::make_shared<ImageLoadResult>();
            sincePost.restart();
        };
        QElapsedTimer sinceProgress; // the GUI thread hears of the progress ten times a second, not once per file
        for (int i = 0; i < all.size() && !context.isCancelled(); ++i) {
            if (!sinceProgress.isValid() || sinceProgress.elapsed() > 100) {
                context.progress(double(i) / all.size(), QFileInfo(all[i]).fileName());
                sinceProgress.start();
            }
            const qsizetype added = pending->records.size();
            loader.loadInto(all[i], *pending);
            if (!labels.isEmpty() && pending->records.size() > added)
                pending->records.last().label = labels.value(pending->records.last().path, -1);
            if (pending->records.size() > added && classFolderOf.contains(all[i])) {
                ImageRecord &record = pending->records.last();
                std::tie(record.classRoot, record.classFolder) = classFolderOf.value(all[i]);
            }
            pending->classFolders = classFolders;
            if (pending->records.size() >= batchImages || sincePost.elapsed() > 250)
                post();
        }
        pending->skippedFiles = skipped;
        post();
        context.postToGui([self, batch] {
            if (self)
                self->onImagesDone(batch);
        });
    });
}

void Document::onImagesLoaded(const ImageLoadResult &result, int batch)
{
    for (const ImageLoadError &error : result.errors)
        Q_EMIT logMessage(LogLevel::Error, tr("Could not add %1: %2").arg(error.path, error.message));
    if (result.skippedFiles > 0)
        Q_EMIT logMessage(LogLevel::Info, tr("Skipped %n non-image file(s) in the folder(s).", nullptr,
                                           result.skippedFiles));
    if (result.records.isEmpty())
        return;
    for (auto it = result.classFolders.begin(); it != result.classFolders.end(); ++it)
        if (m_classFolders.value(it.key()) != it.value()) {
            m_classFolders.insert(it.key(), it.value());
            m_folderLabels.remove(it.key());
        }
    m_undoStack.push(new ImageListCommand(*this, ImageListCommand::Kind::Insert, imageCount(), result.records, 0, batch));
    m_batchAdded[batch] += static_cast<int>(result.records.size());
}

void Document::onImagesDone(int batch)
{
    const int added = m_batchAdded.take(batch);
    if (added > 0)
        Q_EMIT logMessage(LogLevel::Info, tr("Added %n image(s).", nullptr, added));
}

int Document::openStore(const QString &folder)
{
    Q_EMIT logMessage(LogLevel::Info, tr("Opening explanation store %1…").arg(folder));
    const std::string device = m_computeDevice.toStdString();
    const int id = m_runner.run(tr("Opening explanation store"), [self = QPointer(this), loader = m_loader, folder,
                                                                 device](TaskContext &context) {
        if (!loader)
            throw std::runtime_error("no model-file loader in this build");
        auto contents = std::make_shared<StoreContents>(readStoreContents(
            folder, context.cancelFlag(), [&context](double f) { context.progress(0.8 * f, QString()); }));
        ModelLoadRequest request{contents->store->index().model, std::nullopt, device};
        auto model = std::make_shared<LoadedModel>(loader(request));
        model->path = request.path;
        context.postToGui([self, contents, model, device] {
            if (!self)
                return;
            self->followComputeDevice({model}, device);
            self->onStoreRead(contents, model);
        });
    });
    return id;
}

void Document::onStoreRead(const std::shared_ptr<StoreContents> &contents, const std::shared_ptr<LoadedModel> &model)
{
    const core::StoreIndex &index = contents->store->index();
    if (!model->network) {
        Q_EMIT logMessage(LogLevel::Error, tr("Could not open explanation store %1: its model %2 is not a classifier")
                                               .arg(QString::fromStdString(contents->store->folder().string()),
                                                    QString::fromStdString(index.model)));
        return;
    }
    onModelLoaded(model);
    m_store = {storeImagePath(QString::fromStdString(contents->store->folder().string()), 0).chopped(1), contents->store};
    m_stores.append(m_store);
    // The W(x)x column draws the stored colour image: take the rendering it was stored with.
    if (contents->store->hasMethod("wxx")) {
        ViewSettings view = m_columnViews.value(QStringLiteral("wxx"),
                                                ViewSettings::defaults(core::ExplainMethod::Wxx, true));
        const auto &rendering = index.options.value("wxx_rendering", nlohmann::json::object());
        view.smooth = rendering.value("smooth", view.smooth);
        view.percentile = rendering.value("alpha_percentile", view.percentile);
        setColumnView(QStringLiteral("wxx"), view);
    }
    if (!contents->records.isEmpty())
        m_undoStack.push(new ImageListCommand(*this, ImageListCommand::Kind::Insert, imageCount(), contents->records));
    m_values.replace(contents->columns, contents->rows,
                     tr("explanation store %1").arg(QString::fromStdString(contents->store->folder().string())));
    QStringList methods;
    for (const auto &method : index.methods)
        methods << QString::fromStdString(method);
    const QString methodList = methods.join(QStringLiteral(", "));
    Q_EMIT logMessage(LogLevel::Info,
                      tr("Opened explanation store %1: %n image(s), methods %2, %3 per-image value(s)%4.", nullptr,
                         static_cast<int>(contents->records.size()))
                          .arg(QString::fromStdString(contents->store->folder().string()),
                               methodList)
                          .arg(contents->columns.size())
                          .arg(index.complete ? QString() : tr(" (incomplete: its run was stopped)")));
    Q_EMIT storeOpened();
}

void Document::removeImages(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    m_undoStack.beginMacro(tr("Remove %n image(s)", nullptr, static_cast<int>(rows.size())));
    for (int row : rows)
        if (row >= 0 && row < imageCount())
            m_undoStack.push(new ImageListCommand(*this, ImageListCommand::Kind::Remove, row, {}, 1));
    m_undoStack.endMacro();
}

void Document::insertImages(int row, const QVector<ImageRecord> &records)
{
    if (records.isEmpty())
        return;
    const int last = row + static_cast<int>(records.size()) - 1;
    Q_EMIT imagesAboutToBeInserted(row, last);
    for (int i = 0; i < records.size(); ++i) {
        m_images.insert(row + i, records[i]);
        if (!records[i].classFolder.isEmpty()) // an undone and redone image takes today's model's classes
            m_images[row + i].label = classFolderLabel(records[i]);
    }
    Q_EMIT imagesInserted(row, last);
}

int Document::classFolderLabel(const ImageRecord &record) const
{
    const LoadedModel *loaded = model();
    if (!loaded)
        return -1;
    auto cached = m_folderLabels.find(record.classRoot);
    if (cached == m_folderLabels.end()) {
        QHash<QString, int> labels;
        const QStringList folders = m_classFolders.value(record.classRoot);
        std::vector<std::string> names;
        for (const QString &folder : folders)
            names.push_back(folder.toStdString());
        const core::ModelDescription &description = loaded->description;
        const auto classes = std::max<int64_t>(description.numClasses(), int64_t(description.classNames.size()));
        if (const auto order = core::classOrder(names, description.classNames, classes))
            for (int i = 0; i < folders.size(); ++i)
                labels.insert(folders[i], static_cast<int>((*order)[static_cast<size_t>(i)]));
        cached = m_folderLabels.insert(record.classRoot, labels);
    }
    return cached->value(record.classFolder, -1);
}

void Document::relabelClassFolders()
{
    m_folderLabels.clear();
    for (ImageRecord &record : m_images)
        if (!record.classFolder.isEmpty())
            record.label = classFolderLabel(record);
}

QVector<ImageRecord> Document::takeImages(int row, int count)
{
    if (count <= 0)
        return {};
    Q_EMIT imagesAboutToBeRemoved(row, row + count - 1);
    QVector<ImageRecord> taken = m_images.mid(row, count);
    m_images.remove(row, count);
    Q_EMIT imagesRemoved(row, row + count - 1);
    return taken;
}

int Document::loadModelsAsync(const QString &title, std::vector<ModelLoadRequest> requests,
                              std::function<void(Document &, const LoadedModels &)> onLoaded)
{
    for (ModelLoadRequest &request : requests)
        request.device = m_computeDevice.toStdString();
    return m_runner.run(title, [self = QPointer(this), loader = m_loader, requests = std::move(requests),
                                onLoaded = std::move(onLoaded)](TaskContext &context) {
        if (!loader)
            throw std::runtime_error("no model-file loader in this build");
        LoadedModels models;
        for (const ModelLoadRequest &request : requests) {
            models.push_back(std::make_shared<LoadedModel>(loader(request)));
            models.back()->path = request.path;
        }
        const std::string device = requests.empty() ? std::string() : requests.front().device;
        context.postToGui([self, models, onLoaded, device] {
            if (!self)
                return;
            self->followComputeDevice(models, device);
            onLoaded(*self, models);
        });
    });
}

int Document::moveModelsTo(const QString &device)
{
    try {
        core::resolveDevice(device.toStdString()); // refused here, before anything changes
    } catch (const core::Error &error) {
        Q_EMIT logMessage(LogLevel::Error, tr("Could not move the models to %1: %2")
                                               .arg(device, QString::fromStdString(error.what())));
        return -1;
    }
    if (device == m_computeDevice)
        return 0;
    m_computeDevice = device;
    LoadedModels models;
    for (const auto &model : {m_standard, m_bcos, m_fineTuned})
        if (model)
            models.push_back(model);
    return models.empty() ? 0 : moveModels(std::move(models), device);
}

void Document::followComputeDevice(const LoadedModels &models, const std::string &loadedOn)
{
    if (!models.empty() && QString::fromStdString(loadedOn) != m_computeDevice) // it changed while they loaded
        moveModels(models, m_computeDevice);
}

int Document::moveModels(LoadedModels models, const QString &device)
{
    return m_runner.run(tr("Moving the models to %1").arg(device),
                        [models = std::move(models), device = device.toStdString()](TaskContext &context) {
                            for (const auto &model : models) {
                                const auto lock = context.lock(*model->mutex);
                                moveLoadedModel(*model, device);
                            }
                        });
}

int Document::loadModel(const QString &path, const std::optional<ArchitectureSpec> &architecture)
{
    Q_EMIT logMessage(LogLevel::Info, tr("Loading model %1…").arg(path));
    const int id = loadModelsAsync(tr("Loading model"), {ModelLoadRequest{path.toStdString(), architecture}},
                                   [](Document &self, const LoadedModels &models) { self.onModelLoaded(models[0]); });
    m_modelTask = {id, path};
    return id;
}

void Document::onModelLoaded(const std::shared_ptr<LoadedModel> &model)
{
    const auto &description = model->description;
    if (!model->notice.empty())
        Q_EMIT logMessage(LogLevel::Info, QString::fromStdString(model->notice));
    if (model->clip) {
        Q_EMIT logMessage(LogLevel::Info, tr("Loaded CLIP model %1 (%2; %3)")
                                            .arg(QString::fromStdString(model->path),
                                                 model->clip->hasText() ? tr("with text tower") : tr("no text tower"),
                                                 model->clip->convertedOnLoad ? tr("B-cosified on load, not fine-tuned")
                                                                              : tr("B-cos")));
        setModels(nullptr, model);
        return;
    }
    const bool described = description.architecture.is_object(); // family()/numClasses() need an object
    Q_EMIT logMessage(LogLevel::Info, tr("Loaded model %1 (%2, %3 classes, %4)")
                                        .arg(QString::fromStdString(model->path),
                                             described ? QString::fromStdString(description.family()) : tr("unknown family"))
                                        .arg(described ? description.numClasses() : 0)
                                        .arg(description.bcos.enabled ? tr("B-cos") : tr("standard")));
    if (description.bcos.enabled)
        setModels(nullptr, model);
    else
        setModels(model, nullptr);
}

int Document::bcosifyModel(double b)
{
    core::BcosSettings settings;
    settings.b = b;
    return bcosifyModel(settings);
}

int Document::bcosifyModel(const core::BcosSettings &settings)
{
    const std::shared_ptr<LoadedModel> standard = m_standard;
    if (!standard)
        return 0;
    Q_EMIT logMessage(LogLevel::Info, tr("B-cosifying %1 with B = %2…").arg(QString::fromStdString(standard->path)).arg(settings.b));
    return m_runner.run(tr("B-cosifying the model"), [self = QPointer(this), standard, settings](TaskContext &context) {
        auto converted = std::make_shared<LoadedModel>(bcosifyLoadedModel(*standard, settings));
        context.postToGui([self, standard, converted] {
            if (!self || standard != self->m_standard) // closed, or another model was loaded meanwhile
                return;
            Q_EMIT self->logMessage(LogLevel::Info,
                                    tr("B-cosified: %1").arg(QString::fromStdString(converted->path)));
            self->setModels(standard, converted);
        });
    });
}

int Document::loadFineTunedModel(const QString &path, const QString &runName)
{
    Q_EMIT logMessage(LogLevel::Info, tr("Opening the model of run %1…").arg(runName));
    return loadModelsAsync(tr("Loading the run's model"), {ModelLoadRequest{path.toStdString(), std::nullopt}},
                           [runName](Document &self, const LoadedModels &models) {
        const std::shared_ptr<LoadedModel> &model = models[0];
        if (model->clip) {
            Q_EMIT self.logMessage(LogLevel::Warning,
                                   tr("Run %1 holds a CLIP model; open it with File > Open.").arg(runName));
            return;
        }
        Q_EMIT self.logMessage(LogLevel::Info, tr("Fine-tuned model of run %1: %2")
                                                   .arg(runName, QString::fromStdString(model->path)));
        self.setFineTunedModel(model);
    });
}

int Document::loadModelWithFineTuned(const QString &standardPath, const QString &fineTunedPath, const QString &runName)
{
    Q_EMIT logMessage(LogLevel::Info, tr("Loading model %1 and its fine-tuned version %2…").arg(standardPath, fineTunedPath));
    const int id = loadModelsAsync(tr("Loading model"), {ModelLoadRequest{standardPath.toStdString(), std::nullopt},
                                    ModelLoadRequest{fineTunedPath.toStdString(), std::nullopt}},
                                   [runName](Document &self, const LoadedModels &models) {
        self.onModelLoaded(models[0]);
        Q_EMIT self.logMessage(LogLevel::Info, tr("Fine-tuned model of %1: %2")
                                                   .arg(runName, QString::fromStdString(models[1]->path)));
        self.setFineTunedModel(models[1]);
    });
    m_modelTask = {id, standardPath};
    return id;
}

void Document::setFineTunedModel(std::shared_ptr<LoadedModel> model)
{
    const InputGeometry before = inputGeometry();
    m_fineTuned = std::move(model);
    m_selectedRole.reset(); // the newest model is the one to look at (inputs are read with its crop from now on)
    dropOtherCrops(before);
    if (m_targetClass >= 0 && m_targetClass >= m_fineTuned->description.numClasses())
        m_targetClass = -1;
    updateColumns();
    relabelClassFolders();
    Q_EMIT modelChanged();
}

std::shared_ptr<LoadedModel> Document::modelOf(ModelRole role) const
{
    switch (role) {
    case ModelRole::Standard: return m_standard;
    case ModelRole::Bcos: return m_bcos;
    case ModelRole::FineTuned: break;
    }
    return m_fineTuned;
}

ModelRole Document::selectedRole() const
{
    if (m_selectedRole && modelOf(*m_selectedRole))
        return *m_selectedRole;
    return m_fineTuned ? ModelRole::FineTuned : m_bcos ? ModelRole::Bcos : ModelRole::Standard;
}

std::shared_ptr<LoadedModel> Document::selectedModel() const
{
    return modelOf(selectedRole());
}

void Document::setSelectedRole(ModelRole role)
{
    if (role == selectedRole() || !modelOf(role))
        return;
    const InputGeometry before = inputGeometry();
    m_selectedRole = role;
    dropOtherCrops(before);
    relabelClassFolders();
    Q_EMIT selectedModelChanged();
}

void Document::dropOtherCrops(const InputGeometry &before)
{
    const InputGeometry now = inputGeometry();
    if (now.inputSize != before.inputSize || now.resizeSize != before.resizeSize)
        m_inputCache->clear(); // the previous model's crops: the jobs read this model's from now on
}

QVector<std::pair<ModelRole, std::shared_ptr<LoadedModel>>> Document::classifierModels() const
{
    QVector<std::pair<ModelRole, std::shared_ptr<LoadedModel>>> models;
    for (ModelRole role : {ModelRole::Standard, ModelRole::Bcos, ModelRole::FineTuned})
        if (const auto model = modelOf(role); model && model->network)
            models.append({role, model});
    return models;
}

int Document::countBcosifyChanges(const core::BcosSettings &settings, QObject *receiver,
                                  std::function<void(const core::BcosifyChanges &)> onCounted,
                                  std::function<void(const QString &)> onFailed)
{
    if (!m_standard || !m_standard->network)
        return 0;
    const core::ModelDescription description = m_standard->description;
    const QPointer<QObject> guard(receiver);
    return m_runner.run(
        tr("Counting the layers B-cosify changes"),
        [description, settings, guard, onCounted](TaskContext &context) {
            const core::BcosifyChanges changes = core::countBcosifyChanges(description, settings);
            context.postToGui([guard, onCounted, changes] {
                if (guard)
                    onCounted(changes);
            });
        },
        receiver, [guard, onFailed](const TaskEnd &end) {
            if (guard && onFailed && end.outcome == TaskEnd::Outcome::Failed)
                onFailed(end.message);
        });
}

void Document::setModels(std::shared_ptr<LoadedModel> standard, std::shared_ptr<LoadedModel> bcos)
{
    const InputGeometry before = inputGeometry();
    if (!standard || standard != m_standard) // a run's model belongs to the standard model it was trained from
        m_fineTuned.reset();
    m_selectedRole.reset();
    m_standard = std::move(standard);
    m_bcos = std::move(bcos);
    dropOtherCrops(before);
    if (m_targetClass >= 0 && (!model() || m_targetClass >= model()->description.numClasses()))
        m_targetClass = -1;
    updateColumns();
    relabelClassFolders();
    Q_EMIT modelChanged();
}

std::shared_ptr<LoadedModel> Document::modelFor(const ViewColumn &column) const
{
    return modelOf(column.spec.model);
}

void Document::setTargetClass(int target)
{
    if (target == m_targetClass)
        return;
    m_targetClass = target;
    updateColumns();
}

void Document::setColumnView(const QString &id, const ViewSettings &view)
{
    m_columnViews.insert(id, view);
    updateColumns();
}

void Document::setExtraColumns(const QVector<ViewColumn> &columns)
{
    m_extraColumns = columns;
    updateColumns();
}

void Document::updateColumns()
{
    const bool clip = hasClipModel(); // a CLIP model explains text prompts (extra columns), not classes
    const bool bcos = m_bcos != nullptr && !clip;
    const bool standard = m_standard != nullptr;
    const QString needsBcos = clip ? tr("needs a classifier; CLIP: use text prompts")
                                   : m_standard ? tr("B-cosify the model first") : tr("needs a B-cos model");
    using core::ExplainMethod;
    struct Column {
        QString id, title;
        ColumnSpec spec;
        bool available;
        QString requirement;
    };
    const QVector<Column> methods = {
        {QStringLiteral("wxx"), tr("W(x)x"), ColumnSpec::explanation(ExplainMethod::Wxx, true, ModelRole::Bcos), bcos,
         needsBcos},
        {QStringLiteral("contributions"), tr("Contributions"),
         ColumnSpec::explanation(ExplainMethod::Wxx, false, ModelRole::Bcos), bcos, needsBcos},
        {QStringLiteral("gradcam_standard"), tr("GradCAM (original)"),
         ColumnSpec::explanation(ExplainMethod::GradCam, false, ModelRole::Standard), standard,
         tr("needs a standard model")},
        {QStringLiteral("gradcam"), tr("GradCAM (B-cos)"),
         ColumnSpec::explanation(ExplainMethod::GradCam, false, ModelRole::Bcos), bcos, needsBcos},
        {QStringLiteral("ixg"), tr("Input×Gradient (B-cos)"),
         ColumnSpec::explanation(ExplainMethod::InputXGradient, false, ModelRole::Bcos), bcos, needsBcos},
        {QStringLiteral("intgrad"), tr("Integrated Gradients (B-cos)"),
         ColumnSpec::explanation(ExplainMethod::IntegratedGradients, false, ModelRole::Bcos), bcos, needsBcos},
    };
    QVector<Column> ordered = methods;
    if (m_fineTuned && !clip) {
        // A run's model: its W(x)x next to the original's GradCAM, then the columns before fine-tuning.
        const bool fineTunedBcos = m_fineTuned->description.bcos.enabled;
        const QString standardRun = tr("the run fine-tuned a standard network: no W(x)x");
        constexpr int kGradCamStandard = 2; // methods[2]: GradCAM of the original
        ordered = {methods[kGradCamStandard],
                   {QStringLiteral("wxx_finetuned"), tr("W(x)x (fine-tuned)"),
                    ColumnSpec::explanation(ExplainMethod::Wxx, true, ModelRole::FineTuned), fineTunedBcos, standardRun},
                   {QStringLiteral("contributions_finetuned"), tr("Contributions (fine-tuned)"),
                    ColumnSpec::explanation(ExplainMethod::Wxx, false, ModelRole::FineTuned), fineTunedBcos,
                    standardRun},
                   {QStringLiteral("gradcam_finetuned"), tr("GradCAM (fine-tuned)"),
                    ColumnSpec::explanation(ExplainMethod::GradCam, false, ModelRole::FineTuned), true, {}}};
        for (int i = 0; i < methods.size(); ++i)
            if (i != kGradCamStandard)
                ordered.append(methods[i]);
        ordered[4].title = tr("W(x)x (before fine-tuning)");
        ordered[5].title = tr("Contributions (before fine-tuning)");
    }
    m_columns = {{QStringLiteral("input"), tr("Input"), {}, true, {}}};
    for (const Column &column : ordered) {
        ColumnSpec spec = column.spec;
        spec.view = m_columnViews.value(column.id, spec.view);
        spec.target = m_targetClass;
        m_columns.append({column.id, column.title, column.available ? QString() : column.requirement, column.available,
                          spec});
    }
    ColumnSpec cosine;
    cosine.kind = ColumnSpec::Kind::CosinePower;
    m_columns.append({QStringLiteral("cosine"), tr("Cosine-power"),
                      clip ? tr("CLIP: one column per text prompt") : tr("needs a B-cos ViT/CLIP model"), false, cosine});
    m_columns += m_extraColumns;
    Q_EMIT columnsChanged();
}

} // namespace bcos::widgets
