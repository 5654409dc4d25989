#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "core/error.h"
#include "widgets/shell/appsettings.h"
#include "widgets/session/demodata.h"
#include "widgets/session/demoimages.h"
#include "widgets/session/document.h"
#include "widgets/session/inputcache.h"
#include "widgets/shell/dropsupport.h"
#include "widgets/shell/languagesupport.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTranslator>

#include <gtest/gtest.h>

#include <map>

#include <sys/stat.h>

namespace bcos::widgets {
namespace {

LoadedModel fakeBcosModel()
{
    LoadedModel model;
    model.description.architecture = {{"family", "resnet"}, {"num_classes", 10}};
    model.description.bcos.enabled = true;
    return model; // no network: the explanation methods that would need one are not in this build
}

TEST(Document, ModelLoaderErrorsReachTheSignalWithTheCoreMessage)
{
    TaskRunner runner;
    Document document(runner);
    document.setModelLoader([](const ModelLoadRequest &request) -> LoadedModel {
        core::fail(core::ErrorCode::Format, "{}: bad safetensors header", request.path);
    });
    QString failedPath;
    QString failedMessage;
    QObject::connect(&document, &Document::modelLoadFailed, [&](const QString &path, const QString &message) {
        failedPath = path;
        failedMessage = message;
    });
    document.loadModel(QStringLiteral("/tmp/w.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return !failedMessage.isEmpty(); }));
    EXPECT_EQ(failedPath, QStringLiteral("/tmp/w.safetensors"));
    EXPECT_EQ(failedMessage, QStringLiteral("/tmp/w.safetensors: bad safetensors header"));
    EXPECT_FALSE(document.hasModel());
}

TEST(Document, ALoadedBcosModelChangesWhatTheColumnsNeed)
{
    TaskRunner runner;
    Document document(runner);
    std::optional<ArchitectureSpec> seen;
    std::string device;
    document.setModelLoader([&seen, &device](const ModelLoadRequest &request) {
        seen = request.architecture;
        device = request.device;
        return fakeBcosModel();
    });
    EXPECT_EQ(document.computeDevice(), QStringLiteral("cpu"));
    document.setComputeDevice(QStringLiteral("cuda:1")); // the loader puts the network there
    ArchitectureSpec spec;
    spec.preset = "densenet121";
    spec.numClasses = 10;
    document.loadModel(QStringLiteral("/tmp/foreign.pth"), spec);
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel(); }));
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->preset, "densenet121");
    EXPECT_EQ(device, "cuda:1");
    EXPECT_EQ(document.model()->path, "/tmp/foreign.pth");
    EXPECT_EQ(document.columns().at(1).id, QStringLiteral("wxx"));
    EXPECT_TRUE(document.columns().at(1).available);
    EXPECT_TRUE(document.columns().at(1).requirement.isEmpty());
    EXPECT_EQ(document.columns().at(3).id, QStringLiteral("gradcam_standard"));
    EXPECT_FALSE(document.columns().at(3).available); // a B-cos file has no original to compare with
    EXPECT_EQ(document.columns().at(3).requirement, QStringLiteral("needs a standard model"));
}

TEST(Document, ARunsModelJoinsBesideTheOriginalAndTheBcosifiedOnes)
{
    TaskRunner runner;
    Document document(runner);
    document.setModelLoader([](const ModelLoadRequest &request) {
        LoadedModel model = fakeBcosModel();
        model.description.bcos.enabled = request.path.find("standard") == std::string::npos;
        return model;
    });
    document.loadModel(QStringLiteral("/tmp/standard.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return document.standardModel() != nullptr; }));
    const int columnsBefore = static_cast<int>(document.columns().size());
    int changes = 0;
    QObject::connect(&document, &Document::modelChanged, [&changes] { ++changes; });
    document.loadFineTunedModel(QStringLiteral("/tmp/runs/20261204-120000/model.safetensors"),
                                QStringLiteral("20261204-120000"));
    ASSERT_TRUE(test::waitUntil([&] { return document.fineTunedModel() != nullptr; }));
    EXPECT_EQ(changes, 1);
    EXPECT_EQ(document.fineTunedModel()->path, "/tmp/runs/20261204-120000/model.safetensors");
    ASSERT_NE(document.standardModel(), nullptr); // the original stays
    // The fine-tuned model is the selected one (predictions, browser) until the user picks another.
    EXPECT_EQ(document.selectedRole(), ModelRole::FineTuned);
    EXPECT_EQ(document.model(), document.fineTunedModel().get());
    // Its columns come right after the original's GradCAM; the ones before fine-tuning follow, renamed.
    const auto &columns = document.columns();
    ASSERT_EQ(static_cast<int>(columns.size()), columnsBefore + 3);
    const QStringList expected{QStringLiteral("input"), QStringLiteral("gradcam_standard"),
                               QStringLiteral("wxx_finetuned"), QStringLiteral("contributions_finetuned"),
                               QStringLiteral("gradcam_finetuned"), QStringLiteral("wxx")};
    for (int c = 0; c < expected.size(); ++c)
        EXPECT_EQ(columns.at(c).id, expected.at(c)) << c;
    EXPECT_TRUE(columns.at(2).available);
    EXPECT_EQ(columns.at(2).spec.model, ModelRole::FineTuned);
    EXPECT_EQ(document.modelFor(columns.at(2)), document.fineTunedModel());
    EXPECT_EQ(columns.at(5).title, QStringLiteral("W(x)x (before fine-tuning)"));
    EXPECT_FALSE(columns.at(5).available); // not B-cosified yet in this session
    EXPECT_EQ(columns.at(2).spec.toJson().value(QStringLiteral("model")).toString(), QStringLiteral("finetuned"));

    const auto models = document.classifierModels(); // the fakes have no network: not classifiers to run
    EXPECT_TRUE(models.isEmpty());
    int selected = 0;
    QObject::connect(&document, &Document::selectedModelChanged, [&selected] { ++selected; });
    document.setSelectedRole(ModelRole::Standard);
    EXPECT_EQ(selected, 1);
    EXPECT_EQ(document.model(), document.standardModel().get());
    document.setSelectedRole(ModelRole::Bcos); // not loaded: nothing changes
    EXPECT_EQ(selected, 1);
    EXPECT_EQ(document.selectedRole(), ModelRole::Standard);

    document.loadModel(QStringLiteral("/tmp/other-standard.safetensors")); // another original: the run is gone
    ASSERT_TRUE(test::waitUntil([&] { return document.standardModel()->path == "/tmp/other-standard.safetensors"; }));
    EXPECT_EQ(document.fineTunedModel(), nullptr);
    EXPECT_EQ(static_cast<int>(document.columns().size()), columnsBefore);
    EXPECT_EQ(document.columns().at(1).id, QStringLiteral("wxx"));
}

TEST(Document, InputsAreReadWithTheCropOfTheModelLoadedNow)
{
    test::TempDir dir;
    const QString png = QString::fromStdString((dir / "wide.png").string());
    test::writeTestPng(png, 300, 200);
    TaskRunner runner;
    Document document(runner);
    document.addImages({png});
    ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == 1; }));
    const QString path = document.image(0).path;
    EXPECT_EQ(document.cachedInput(path).size(), QSize(224, 224)); // cropped while loading, kept in the cache
    document.setModelLoader([](const ModelLoadRequest &) {
        LoadedModel model = fakeBcosModel();
        model.description.preprocessing.inputSize = 160;
        model.description.preprocessing.resizeSize = 0; // straight to 160 on the shorter side, centre crop
        return model;
    });
    document.loadModel(QStringLiteral("/tmp/small.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel(); }));
    EXPECT_EQ(document.inputGeometry().inputSize, 160);
    EXPECT_TRUE(document.cachedInput(path).isNull()); // the 224 px crop is not this model's input...
    EXPECT_EQ(document.inputCache().usage().count, 0); // ...and was dropped
    EXPECT_EQ(document.inputReader().read(path).size(), QSize(160, 160));
    EXPECT_EQ(document.cachedInput(path).size(), QSize(160, 160));
    EXPECT_EQ(document.inputCache().usage().count, 1);
}

/// The labels of the document's images by file name ("cat/a.png" -> label).
std::map<std::string, int> labelsByFile(const Document &document)
{
    std::map<std::string, int> labels;
    for (const ImageRecord &record : document.images())
        labels[QFileInfo(record.path).dir().dirName().toStdString() + "/" + record.name.toStdString()] = record.label;
    return labels;
}

TEST(Document, ImagesOfClassFoldersTakeTheModelsClasses)
{
    // A dropped folder of class folders (FOLDER/<class>/...) labels its images as bcos evaluate reads them: folders
    // named as the model's classes are those classes; as many folders of other names are the classes in sorted
    // order; others are no classes of this model. The labels follow the model (and undo/redo).
    test::TempDir dir;
    const auto root = dir / "photos";
    for (const char *file : {"hen/a.png", "hen/b.png", "bee/c.png", "loose.png"}) {
        QDir().mkpath(QString::fromStdString((root / file).parent_path().string()));
        test::writeTestPng(QString::fromStdString((root / file).string()), 12, 10);
    }
    TaskRunner runner;
    Document document(runner);
    std::vector<std::string> classNames{"ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen"};
    document.setModelLoader([&classNames](const ModelLoadRequest &) {
        LoadedModel model = fakeBcosModel();
        model.description.architecture["num_classes"] = int64_t(classNames.size());
        model.description.classNames = classNames;
        return model;
    });
    document.addImages({QString::fromStdString(root.string())});
    ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == 4 && runner.activeCount() == 0; }));
    // No model yet: no classes to be.
    EXPECT_EQ(labelsByFile(document), (std::map<std::string, int>{
                                          {"bee/c.png", -1}, {"hen/a.png", -1}, {"hen/b.png", -1}, {"photos/loose.png", -1}}));
    document.loadModel(QStringLiteral("/tmp/named.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel(); }));
    EXPECT_EQ(labelsByFile(document), (std::map<std::string, int>{
                                          {"bee/c.png", 1}, {"hen/a.png", 7}, {"hen/b.png", 7}, {"photos/loose.png", -1}}));
    document.undoStack()->undo();
    ASSERT_EQ(document.imageCount(), 0);
    classNames = {"n02", "n01"}; // two classes of other names: the folders in sorted order, bee 0 and hen 1
    document.loadModel(QStringLiteral("/tmp/synsets.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return document.model()->path == "/tmp/synsets.safetensors"; }));
    document.undoStack()->redo();
    EXPECT_EQ(labelsByFile(document), (std::map<std::string, int>{
                                          {"bee/c.png", 0}, {"hen/a.png", 1}, {"hen/b.png", 1}, {"photos/loose.png", -1}}));
    classNames = {"owl", "bat", "emu"}; // neither named as them nor as many
    document.loadModel(QStringLiteral("/tmp/birds.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return document.model()->path == "/tmp/birds.safetensors"; }));
    EXPECT_EQ(labelsByFile(document), (std::map<std::string, int>{
                                          {"bee/c.png", -1}, {"hen/a.png", -1}, {"hen/b.png", -1}, {"photos/loose.png", -1}}));
}

TEST(Document, AClassFolderWithoutImagesKeepsTheOthersNumbers)
{
    // Class folders numbered as bcos evaluate numbers them (imaging::classFolders): a folder without images is one of
    // the classes, so bee, cat (empty) and hen are a 3-class model's classes 0, 1 and 2 (the studio counted only the
    // folders holding images: 2 for 3 classes, no labels).
    test::TempDir dir;
    const auto root = dir / "photos";
    for (const char *file : {"hen/a.png", "bee/c.png"}) {
        QDir().mkpath(QString::fromStdString((root / file).parent_path().string()));
        test::writeTestPng(QString::fromStdString((root / file).string()), 12, 10);
    }
    QDir().mkpath(QString::fromStdString((root / "cat").string()));
    TaskRunner runner;
    Document document(runner);
    document.setModelLoader([](const ModelLoadRequest &) {
        LoadedModel model = fakeBcosModel();
        model.description.architecture["num_classes"] = int64_t(3);
        model.description.classNames.clear();
        return model;
    });
    document.loadModel(QStringLiteral("/tmp/three.safetensors"));
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel(); }));
    document.addImages({QString::fromStdString(root.string())});
    ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == 2 && runner.activeCount() == 0; }));
    EXPECT_EQ(labelsByFile(document), (std::map<std::string, int>{{"bee/c.png", 0}, {"hen/a.png", 2}}));
}

TEST(Document, ADroppedFolderIsReadAsTheCliReadsIt)
{
    // The studio lists a folder with the CLI's function (imaging::imageFilesUnder): images at any depth, a linked
    // class folder followed (QDirIterator skipped it), in ImageFolder's order, so the rows come in the order of an
    // explanation store of the same folder.
    test::TempDir dir;
    const auto root = dir / "photos";
    for (const auto &file :
         {root / "hen/b.png", root / "hen/a-z/c.png", root / "hen/a/d.png", dir / "elsewhere/e.png"}) {
        QDir().mkpath(QString::fromStdString(file.parent_path().string()));
        test::writeTestPng(QString::fromStdString(file.string()), 12, 10);
    }
    QFile notes(QString::fromStdString((root / "hen" / "notes.txt").string()));
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.close();
    std::filesystem::create_directory_symlink(dir / "elsewhere", root / "bee");
    TaskRunner runner;
    Document document(runner);
    document.setModelLoader([](const ModelLoadRequest &) {
        LoadedModel model = fakeBcosModel();
        model.description.architecture["num_classes"] = int64_t(2);
        model.description.classNames = {"bee", "hen"};
        return model;
    });
    document.loadModel(QStringLiteral("/tmp/two.safetensors"));
    QStringList log;
    QObject::connect(&document, &Document::logMessage, [&log](LogLevel, const QString &message) { log << message; });
    document.addImages({QString::fromStdString(root.string())});
    ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == 4 && runner.activeCount() == 0; }));
    QStringList rows;
    for (const ImageRecord &record : document.images())
        rows << QDir(QString::fromStdString(root.string())).relativeFilePath(record.path) + QLatin1Char(':')
                    + QString::number(record.label);
    EXPECT_EQ(rows, QStringList({"bee/e.png:0", "hen/b.png:1", "hen/a/d.png:1", "hen/a-z/c.png:1"}))
        << rows.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("Skipped 1 non-image file(s) in the folder(s).")))
        << log.join(QLatin1Char('\n')).toStdString();
}

ino_t inodeOf(const QString &path)
{
    struct stat info {};
    return ::stat(path.toLocal8Bit().constData(), &info) == 0 ? info.st_ino : 0;
}

TEST(DemoData, DatasetImagesReplaceTheirFilesWhole)
{
    // Every studio (and every test process) starting the demo writes the same files in the cache; a file rewritten
    // in place could be read half written by another. Each is written aside and renamed over the old one: the path
    // names another inode, the old readers keep the whole old file.
    ASSERT_TRUE(hasFashionMnist(fashionMnistDir())) << fashionMnistDir().toStdString();
    test::TempDir dir;
    DatasetImagesRequest request;
    request.datasetDir = fashionMnistDir();
    request.outputDir = QString::fromStdString((dir / "split").string());
    request.count = 3;
    request.prefix = QStringLiteral("t");
    request.classNames = fashionMnistClassNames();
    const DatasetImages first = writeDatasetImages(request);
    ASSERT_EQ(first.paths.size(), 3);
    EXPECT_EQ(first.labels, QVector<int>({9, 2, 1})); // ankle boot, pullover, trouser
    EXPECT_EQ(QFileInfo(first.paths[0]).fileName().toStdString(), "t_00_Ankle-boot.png");
    QFile held(first.paths[0]);
    ASSERT_TRUE(held.open(QIODevice::ReadOnly));
    const ino_t before = inodeOf(first.paths[0]);
    const DatasetImages second = writeDatasetImages(request);
    EXPECT_EQ(second.paths, first.paths);
    EXPECT_NE(inodeOf(first.paths[0]), before);
    QFile now(first.paths[0]);
    ASSERT_TRUE(now.open(QIODevice::ReadOnly));
    EXPECT_EQ(held.readAll(), now.readAll());
    EXPECT_EQ(QDir(request.outputDir).entryList(QDir::Files).size(), 3) << "no temporary files are left";

    // A file that cannot be written is named, with what it is and why.
    ASSERT_TRUE(QFile::remove(first.paths[1]));
    ASSERT_TRUE(QDir().mkpath(first.paths[1] + QStringLiteral("/x"))); // a folder where the image goes
    try {
        writeDatasetImages(request);
        ADD_FAILURE() << "a folder in place of the image was written over";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Io);
        const std::string expected = first.paths[1].toStdString() + ": cannot write a dataset image (";
        EXPECT_EQ(std::string(error.what()).substr(0, expected.size()), expected);
    }
}

TEST(TaskRunner, CancelStopsAWorkerAndReportsCancelled)
{
    TaskRunner runner;
    bool cancelled = false;
    QObject::connect(&runner, &TaskRunner::cancelled, [&](int, const QString &) { cancelled = true; });
    const int id = runner.run(QStringLiteral("spin"), [](TaskContext &context) {
        while (!context.isCancelled())
            QThread::msleep(1);
    });
    runner.cancel(id);
    ASSERT_TRUE(test::waitUntil([&] { return cancelled; }));
    EXPECT_EQ(runner.activeCount(), 0);
}

TEST(ResultCache, KeysSeparateImageModelMethodAndParameters)
{
    LoadedModel model = fakeBcosModel();
    model.path = "/m.safetensors";
    ViewColumn wxx{QStringLiteral("wxx"), QStringLiteral("W(x)x"), {}, true,
                   ColumnSpec::explanation(core::ExplainMethod::Wxx, true, ModelRole::Bcos)};
    wxx.spec.view.smooth = 3;
    ViewColumn smoother = wxx;
    smoother.spec.view.smooth = 5;
    ResultCache cache;
    QImage red(4, 4, QImage::Format_RGB32);
    red.fill(Qt::red);
    cache.insert(ResultKey::make(QStringLiteral("/a.png"), model, wxx), red);
    EXPECT_EQ(cache.find(ResultKey::make(QStringLiteral("/a.png"), model, wxx)), red);
    EXPECT_FALSE(cache.contains(ResultKey::make(QStringLiteral("/b.png"), model, wxx)));
    EXPECT_FALSE(cache.contains(ResultKey::make(QStringLiteral("/a.png"), model, smoother)));
    model.path = "/other.safetensors";
    EXPECT_TRUE(cache.find(ResultKey::make(QStringLiteral("/a.png"), model, wxx)).isNull());
}

TEST(ResultCache, PredictionsAreCompactPerModelAndTheFirstOfAnImageStays)
{
    static_assert(sizeof(TopClasses) <= 48, "a prediction is a few bytes per image, not a tensor or a list");
    LoadedModel model = fakeBcosModel();
    model.path = "/m.safetensors";
    ResultCache cache;
    cache.insertPredictions(model, {QStringLiteral("/a.png"), QStringLiteral("/b.png")},
                            {{{3, 0.75}, {1, 0.125}}, {{0, 0.5}}});
    cache.insertPredictions(model, {QStringLiteral("/a.png")}, {{{7, 0.25}}}); // predicted again: the first stays
    const QVector<ClassScore> a = cache.prediction(QStringLiteral("/a.png"), model);
    ASSERT_EQ(a.size(), 2);
    EXPECT_EQ(a[0].index, 3);
    EXPECT_EQ(a[0].probability, 0.75);
    EXPECT_EQ(a[1].index, 1);
    EXPECT_EQ(a[1].probability, 0.125);
    ASSERT_NE(cache.predictions(model), nullptr);
    EXPECT_EQ(cache.predictions(model)->size(), 2);
    EXPECT_TRUE(cache.prediction(QStringLiteral("/c.png"), model).isEmpty());
    LoadedModel other = model;
    other.path = "/other.safetensors";
    EXPECT_EQ(cache.predictions(other), nullptr);
    EXPECT_TRUE(cache.prediction(QStringLiteral("/a.png"), other).isEmpty());
    cache.clear();
    EXPECT_EQ(cache.predictions(model), nullptr);
}

TEST(DropSupport, ModelFilesAreSeparatedFromImagesAndFolders)
{
    const SortedPaths sorted = sortPaths({"/a.png", "/w.SAFETENSORS", "/dir", "/r.pth", "/c.ckpt", "/x.txt"});
    EXPECT_EQ(sorted.models, QStringList({"/w.SAFETENSORS", "/r.pth", "/c.ckpt"}));
    EXPECT_EQ(sorted.images, QStringList({"/a.png", "/dir", "/x.txt"}));
    EXPECT_TRUE(needsArchitecture("/r.pth"));
    EXPECT_FALSE(needsArchitecture("/w.safetensors"));
}

TEST(AppSettings, RecentFilesAreMostRecentFirstAndCapped)
{
    AppSettings settings;
    settings.clearRecentFiles();
    for (int i = 0; i < AppSettings::maxRecentFiles() + 3; ++i)
        settings.addRecentFile(QStringLiteral("/f%1.png").arg(i));
    settings.addRecentFile(QStringLiteral("/f5.png"));
    const QStringList recent = AppSettings().recentFiles(); // a fresh object reads the stored value
    ASSERT_EQ(recent.size(), AppSettings::maxRecentFiles());
    EXPECT_EQ(recent.front(), QStringLiteral("/f5.png"));
    EXPECT_EQ(recent.at(1), QStringLiteral("/f12.png"));
    EXPECT_EQ(recent.count(QStringLiteral("/f5.png")), 1);
    settings.clearRecentFiles();
}

TEST(Translations, CompiledCataloguesAreEmbeddedAndLoadable)
{
    for (const char *code : {"de", "fr"}) {
        const QString resource = translationResource(QString::fromLatin1(code));
        ASSERT_TRUE(QFile::exists(resource)) << resource.toStdString();
        QTranslator translator;
        EXPECT_TRUE(translator.load(resource)) << resource.toStdString();
    }
    EXPECT_FALSE(QFile::exists(translationResource(QStringLiteral("xx"))));
}

} // namespace
} // namespace bcos::widgets

#include "widgets/shell/architecturedialog.h"
#include "tests/support/tempdir.h"

#include <QComboBox>

namespace bcos::widgets {
namespace {

TEST(ArchitectureDialog, DefaultsPresetsAndLabelsFile)
{
    test::TempDir dir;
    const QString labels = QString::fromStdString((dir / "labels.txt").string());
    {
        QFile file(labels);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("tench\n\ngoldfish\n  great white shark \n");
    }
    ArchitectureDialog dialog(QStringLiteral("/w/resnet50.pth"));
    EXPECT_EQ(ArchitectureDialog::presets().size(), 11);
    ArchitectureSpec spec;
    spec.preset = "clip_rn50";
    spec.numClasses = 3;
    spec.preprocessing = core::Preprocessing::clip();
    spec.labelsFile = labels.toStdString();
    dialog.setSpec(spec);
    const ArchitectureSpec chosen = dialog.spec();
    EXPECT_EQ(chosen.preset, "clip_rn50");
    EXPECT_EQ(chosen.numClasses, 3);
    EXPECT_EQ(chosen.preprocessing.name, "clip");
    EXPECT_NEAR(chosen.preprocessing.mean[0], core::Preprocessing::clip().mean[0], 1e-4);
    EXPECT_EQ(chosen.classNames, (std::vector<std::string>{"tench", "goldfish", "great white shark"}));
    dialog.setSpec({}); // the default: "Classes: from the weights" (the head's size, core::numClassesFor)
    EXPECT_FALSE(dialog.spec().numClasses.has_value());
}

TEST(ArchitectureDialog, AnUnreadableLabelsFileIsAnIoErrorNamingIt)
{
    try {
        ArchitectureDialog::readLabels(QStringLiteral("/nonexistent/labels.txt"));
        FAIL() << "expected core::Error";
    } catch (const core::Error &e) {
        EXPECT_EQ(e.code(), core::ErrorCode::Io);
        EXPECT_EQ(std::string(e.what()).rfind("/nonexistent/labels.txt: cannot read the labels file", 0), 0u) << e.what();
    }
}

} // namespace
} // namespace bcos::widgets
