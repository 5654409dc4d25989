// Decode on demand (issue #22): the input cache keeps the most recently used inputs within its budget, an evicted
// input is decoded again to the same pixels, images that cannot be read are reported without stopping the work,
// and the memory budget is a setting the status bar reports on. (Also the Preferences' other GPU setting, CUDA graphs
// for explanations.)
#include "core/cudagraph.h"
#include "core/explain/wxxgraphs.h"
#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/jobs/tensorimage.h"
#include "widgets/session/document.h"
#include "widgets/session/inputcache.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/modelloading.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/appsettings.h"
#include "widgets/shell/preferencesdialog.h"
#include "widgets/shell/versioninfo.h"
#include "widgets/shell/statusindicators.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPixmapCache>
#include <QSettings>
#include <QSpinBox>
#include <QTest>

#include <gtest/gtest.h>
#include <torch/torch.h>

namespace bcos::widgets {
namespace {

QImage filled(int side, QRgb colour)
{
    QImage image(side, side, QImage::Format_RGB888);
    image.fill(colour);
    return image;
}

QString folderIn(const test::TempDir &dir, const char *name)
{
    const QString folder = QString::fromStdString((dir / name).string());
    QDir().mkpath(folder);
    return folder;
}

/// Adds `folder` and waits until its images are in and the load has ended.
void addAndWait(Document &document, TaskRunner &runner, const QString &folder, int count)
{
    document.addImages({folder});
    ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == count && runner.activeCount() == 0; }));
}

TEST(InputCache, KeepsTheMostRecentlyUsedInputsWithinItsBudget)
{
    const QImage input = filled(32, qRgb(10, 20, 30));
    const qint64 bytes = input.sizeInBytes(); // 32 x 32 x 3
    ASSERT_EQ(bytes, 3072);
    InputCache cache(3 * bytes);
    const InputGeometry crop{32, 0};
    const auto key = [&crop](const char *path) { return InputCache::key(QString::fromLatin1(path), crop); };
    for (const char *path : {"/a.png", "/b.png", "/c.png"})
        cache.insert(key(path), input);
    EXPECT_EQ(cache.find(key("/a.png")), input); // /a.png is now the most recently used, /b.png the least
    cache.insert(key("/d.png"), input);
    InputCache::Usage usage = cache.usage();
    EXPECT_EQ(usage.count, 3);
    EXPECT_EQ(usage.bytes, 3 * bytes);
    EXPECT_EQ(usage.budget, 3 * bytes);
    EXPECT_TRUE(cache.find(key("/b.png")).isNull());
    for (const char *path : {"/a.png", "/c.png", "/d.png"})
        EXPECT_FALSE(cache.find(key(path)).isNull()) << path;
    // The same file cropped for another model is another input.
    EXPECT_TRUE(cache.find(InputCache::key(QStringLiteral("/a.png"), {64, 0})).isNull());

    cache.setBudget(bytes + 100); // room for one: the most recently used (/d.png) stays
    usage = cache.usage();
    EXPECT_EQ(usage.count, 1);
    EXPECT_EQ(usage.bytes, bytes);
    EXPECT_EQ(usage.budget, bytes + 100);
    EXPECT_FALSE(cache.find(key("/d.png")).isNull());

    cache.insert(key("/big.png"), filled(64, qRgb(1, 2, 3))); // 12 KiB: more than the whole budget
    EXPECT_TRUE(cache.find(key("/big.png")).isNull());
    EXPECT_LE(cache.usage().bytes, cache.usage().budget);
}

TEST(InputCache, TheBudgetBoundsTheInputsKeptWhileAFolderLoads)
{
    test::TempDir dir;
    const QString folder = folderIn(dir, "images");
    constexpr int kImages = 40;
    for (int i = 0; i < kImages; ++i)
        test::writeTestPng(QStringLiteral("%1/img%2.png").arg(folder).arg(i, 2, 10, QLatin1Char('0')), 40, 30);
    TaskRunner runner;
    Document document(runner);
    const qint64 input = 224 * 224 * 3; // no model: the ImageNet crop
    document.inputCache().setBudget(5 * input + 1000);
    addAndWait(document, runner, folder, kImages);
    const InputCache::Usage usage = document.inputCache().usage();
    EXPECT_EQ(usage.count, 5);
    EXPECT_EQ(usage.bytes, 5 * input);
    EXPECT_LE(usage.bytes, usage.budget);
    // The last ones decoded are kept; the first were dropped.
    for (int row = kImages - 5; row < kImages; ++row)
        EXPECT_EQ(document.cachedInput(document.image(row).path).size(), QSize(224, 224)) << row;
    EXPECT_TRUE(document.cachedInput(document.image(0).path).isNull());
}

TEST(InputReader, AnEvictedInputIsDecodedAgainToTheSameTensor)
{
    test::TempDir dir;
    const QString folder = folderIn(dir, "images");
    test::writeTestPng(folder + QStringLiteral("/a.png"), 300, 200); // resized and cropped: smooth scaling
    test::writeTestPng(folder + QStringLiteral("/b.png"), 200, 300);
    test::writeTestPng(folder + QStringLiteral("/c.png"), 257, 190);
    TaskRunner runner;
    Document document(runner);
    addAndWait(document, runner, folder, 3);
    QVector<QImage> loaded; // the crops made while the folder loaded
    for (const ImageRecord &record : document.images())
        loaded << document.cachedInput(record.path);
    ASSERT_EQ(loaded.size(), 3);
    for (const QImage &input : loaded)
        ASSERT_EQ(input.size(), QSize(224, 224));
    const at::Tensor before = tensorFromImages(loaded);

    document.inputCache().setBudget(loaded[0].sizeInBytes()); // room for one input: two are dropped
    EXPECT_EQ(document.inputCache().usage().count, 1);
    EXPECT_TRUE(document.cachedInput(document.image(0).path).isNull());
    QVector<QImage> again; // decoded from the files once more
    const InputReader reader = document.inputReader();
    for (const ImageRecord &record : document.images())
        again << reader.read(record.path);
    EXPECT_TRUE(torch::equal(tensorFromImages(again), before));
    EXPECT_LE(document.inputCache().usage().bytes, loaded[0].sizeInBytes());
}

TEST(Document, UnreadableFilesAreListedAndTheLoadGoesOn)
{
    test::TempDir dir;
    const QString folder = folderIn(dir, "images");
    test::writeTestPng(folder + QStringLiteral("/a.png"), 20, 20);
    test::writeBytes(folder + QStringLiteral("/b.png"), "not a PNG at all");
    test::writeTestPng(folder + QStringLiteral("/c.png"), 20, 20);
    test::writeBytes(folder + QStringLiteral("/notes.txt"), "a file that is no image");
    TaskRunner runner;
    Document document(runner);
    QStringList errors, infos;
    QObject::connect(&document, &Document::logMessage, [&](LogLevel level, const QString &message) {
        (level == LogLevel::Error ? errors : infos) << message;
    });
    addAndWait(document, runner, folder, 2);
    EXPECT_EQ(document.image(0).name, QStringLiteral("a.png"));
    EXPECT_EQ(document.image(1).name, QStringLiteral("c.png"));
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors[0].startsWith(QStringLiteral("Could not add %1/b.png: %1/b.png: not an image").arg(folder)))
        << errors[0].toStdString();
    EXPECT_TRUE(infos.contains(QStringLiteral("Added 2 image(s)."))) << infos.join('\n').toStdString();
    EXPECT_TRUE(infos.contains(QStringLiteral("Skipped 1 non-image file(s) in the folder(s).")));
}

TEST(Document, AnImageThatCannotBeReadAgainIsReportedOnceAndTheOthersArePredicted)
{
    test::TempDir dir;
    const QString folder = folderIn(dir, "images");
    for (const char *name : {"a.png", "b.png", "c.png"})
        test::writeTestPng(folder + QLatin1Char('/') + QLatin1String(name), 12, 12);
    StudioSession session(loadModelWithCore, {});
    Document &document = session.document();
    addAndWait(document, session.runner(), folder, 3);
    const QString gone = document.image(1).path;
    ASSERT_TRUE(QFile::remove(gone)); // deleted after it was added...
    document.inputCache().setBudget(1); // ...and its input dropped: it must be decoded again, and cannot
    EXPECT_EQ(document.inputCache().usage().count, 0);
    document.loadModel(QString::fromStdString(test::writeTinyModel(dir / "model.safetensors").string()));
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel() && session.isIdle(); }));

    const LoadedModel &model = *document.bcosModel();
    EXPECT_FALSE(session.cache().prediction(document.image(0).path, model).isEmpty());
    EXPECT_FALSE(session.cache().prediction(document.image(2).path, model).isEmpty());
    EXPECT_TRUE(session.cache().prediction(gone, model).isEmpty());
    EXPECT_TRUE(document.isUnreadable(gone));
    EXPECT_EQ(document.unreadableReason(gone), gone + QStringLiteral(": not a readable file"));
    int reports = 0; // predictions, explanations and the Input column all tried it: one line in the log
    for (int row = 0; row < session.log().rowCount(); ++row)
        reports += session.log().entry(row).message.contains(gone) ? 1 : 0;
    EXPECT_EQ(reports, 1);
    EXPECT_EQ(session.log().count(LogLevel::Error), 1);
    EXPECT_EQ(document.imageCount(), 3); // still listed (undo, redo and the browser keep it)
}

TEST(AppSettings, TheMemoryBudgetIsKeptInMiBWithinItsRange)
{
    QSettings().remove(QStringLiteral("memory/budgetMiB"));
    const qint64 mib = qint64(1) << 20;
    EXPECT_EQ(AppSettings().memoryBudget(), AppSettings::defaultMemoryBudget());
    EXPECT_GE(AppSettings::defaultMemoryBudget(), AppSettings::minMemoryBudgetMiB() * mib);
    EXPECT_LE(AppSettings::defaultMemoryBudget(), 512 * mib);
    AppSettings settings;
    settings.setMemoryBudget(768 * mib);
    EXPECT_EQ(AppSettings().memoryBudget(), 768 * mib); // a fresh object reads the stored value
    settings.setMemoryBudget(1);
    EXPECT_EQ(AppSettings().memoryBudget(), AppSettings::minMemoryBudgetMiB() * mib);

    PreferencesDialog dialog(settings, VersionInfo{});
    EXPECT_EQ(dialog.memoryBudgetBox()->value(), AppSettings::minMemoryBudgetMiB());
    dialog.memoryBudgetBox()->setValue(1024);
    dialog.accept();
    EXPECT_EQ(AppSettings().memoryBudget(), 1024 * mib);

    // Typed below the minimum: the minimum, not the value before.
    dialog.memoryBudgetBox()->selectAll();
    QTest::keyClicks(dialog.memoryBudgetBox(), QStringLiteral("8"));
    QTest::keyClick(dialog.memoryBudgetBox(), Qt::Key_Return);
    EXPECT_EQ(dialog.memoryBudgetBox()->value(), AppSettings::minMemoryBudgetMiB());
    QSettings().remove(QStringLiteral("memory/budgetMiB"));
}

TEST(AppSettings, ExplanationGraphsFollowTheEnvironmentUntilSetInThePreferences)
{
    QSettings().remove(QStringLiteral("gpu/explanationGraphs"));
    const bool environment = core::wxxGraphsEnabled();
    EXPECT_EQ(AppSettings().explanationGraphs(), environment);
    AppSettings settings;
    settings.setExplanationGraphs(!environment);
    EXPECT_EQ(AppSettings().explanationGraphs(), !environment);
    PreferencesDialog dialog(settings, VersionInfo{});
    ASSERT_NE(dialog.explanationGraphsBox(), nullptr);
    EXPECT_EQ(dialog.explanationGraphsBox()->isChecked(), !environment);
    // Only a CUDA build can capture graphs: a CPU-only one shows the box greyed out, saying why, and keeps the setting.
    EXPECT_EQ(dialog.explanationGraphsBox()->isEnabled(), core::cudaGraphsBuilt());
    if (!core::cudaGraphsBuilt())
        EXPECT_EQ(dialog.explanationGraphsBox()->toolTip(),
                  QStringLiteral("Needs a build against a CUDA LibTorch; this one is CPU-only."));
    dialog.explanationGraphsBox()->setChecked(environment);
    dialog.accept();
    EXPECT_EQ(AppSettings().explanationGraphs(), core::cudaGraphsBuilt() ? environment : !environment);
    QSettings().remove(QStringLiteral("gpu/explanationGraphs"));
}

TEST(StudioSession, TheMemoryBudgetBoundsTheInputsAndTheThumbnails)
{
    StudioSession session({}, {});
    const qint64 mib = qint64(1) << 20;
    session.setMemoryBudget(256 * mib);
    EXPECT_EQ(session.document().inputCache().usage().budget, 256 * mib);
    EXPECT_EQ(QPixmapCache::cacheLimit(), 32 * 1024); // KiB: an eighth
    session.setMemoryBudget(64 * mib);
    EXPECT_EQ(QPixmapCache::cacheLimit(), 10 * 1024); // at least Qt's default
}

TEST(StatusIndicators, TheCacheTextCountsTheInputsAndTheirBytesOfTheBudget)
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const qint64 mib = qint64(1) << 20;
    EXPECT_EQ(StatusIndicators::cacheText({1234, 180 * mib, 512 * mib}),
              QStringLiteral("Cache: 1,234 input(s) · 180 MiB of 512 MiB"));
    EXPECT_EQ(StatusIndicators::cacheText({0, 0, 64 * mib}), QStringLiteral("Cache: 0 input(s) · 0 bytes of 64 MiB"));

    InputCache cache(512 * mib);
    cache.insert(InputCache::key(QStringLiteral("/a.png"), {}), filled(32, qRgb(0, 0, 0)));
    StatusIndicators indicators(QStringLiteral("CPU"), -1, &cache);
    indicators.refresh();
    QStringList texts;
    for (const QLabel *label : indicators.findChildren<QLabel *>())
        texts << label->text();
    EXPECT_TRUE(texts.contains(QStringLiteral("Cache: 1 input(s) · 3 KiB of 512 MiB"))) << texts.join('|').toStdString();
    QLocale::setDefault(before);
}

} // namespace
} // namespace bcos::widgets
