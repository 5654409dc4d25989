// The Metrics view: computes on the session's images what bcos explain --out STORE/ --metrics stores, summarises
// with the bootstrap interval, sorts the per-image table, exports CSV and figures, and cancels cleanly.
#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include "core/buildinfo.h"
#include "core/eval/metrics/statistics.h"
#include "core/eval/storechunk.h"
#include "core/models/network.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/jobs/tensorimage.h"
#include "widgets/metrics/imagevaluestablemodel.h"
#include "widgets/metrics/metricscomputation.h"
#include "widgets/metrics/metricspanel.h"
#include "widgets/session/document.h"
#include "widgets/session/modelloading.h"
#include "widgets/session/studiosession.h"

#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTableWidget>

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>

namespace bcos::widgets {
namespace {

/// The tiny B-cos model with four test images of different sizes (so their crops differ).
class MetricsPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        test::writeTinyModel(dir / "model.safetensors");
        QStringList paths;
        const int sizes[][2] = {{10, 8}, {12, 9}, {16, 16}, {9, 11}};
        for (int i = 0; i < 4; ++i) {
            paths << QString::fromStdString((dir / ("image" + std::to_string(i) + ".png")).string());
            test::writeTestPng(paths.back(), sizes[i][0], sizes[i][1]);
        }
        Document &document = session.document();
        document.loadModel(QString::fromStdString((dir / "model.safetensors").string()));
        ASSERT_TRUE(test::waitUntil([&] { return document.hasModel() && session.isIdle(); }));
        document.addImages(paths);
        ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == 4 && session.isIdle(); }));
        for (QCheckBox *box : panel.findChildren<QCheckBox *>())
            box->setChecked(false);
        panel.methodBox(QStringLiteral("wxx"))->setChecked(true);
        panel.methodBox(QStringLiteral("ixg"))->setChecked(true);
        panel.metricBox(QStringLiteral("deletion"))->setChecked(true);
        panel.metricBox(QStringLiteral("complexity"))->setChecked(true);
    }

    /// What core::explainStoreChunk (bcos explain --out STORE/) computes for the session's images in one chunk.
    core::TensorMap storeChunk(const core::StoreChunkRequest &request)
    {
        Document &document = session.document();
        QVector<QImage> inputs;
        for (const ImageRecord &record : document.images())
            inputs << document.inputReader().read(record.path);
        const auto model = document.bcosModel();
        const std::lock_guard lock(*model->mutex);
        // With the team the metrics job had: it ran alone, so its worker's intra-op team had every core
        // (TaskContext::coreShare). Float sums split over another number of threads differ in the eighth digit.
        core::setThreadsOfThisThread(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        return core::explainStoreChunk(*model->network, tensorFromImages(inputs),
                                       torch::full({document.imageCount()}, -1, torch::kLong), request);
    }

    test::TempDir dir;
    StudioSession session{loadModelWithCore, {}};
    MetricsPanel panel{session.document(), session.runner()};
};

TEST_F(MetricsPanelTest, ComputesWhatTheStoreComputesAndSummarisesIt)
{
    Document &document = session.document();
    ASSERT_NE(panel.compute(), 0);
    ASSERT_TRUE(test::waitUntil([&] { return !panel.isBusy() && !panel.summaries().isEmpty() && session.isIdle(); }));
    const ImageValues &values = document.values();
    ASSERT_EQ(values.columns().size(), 5); // 2 metrics x 2 methods + the agreement
    EXPECT_EQ(values.columns()[4].name, QStringLiteral("agreement/wxx~ixg"));

    // The same values as core::explainStoreChunk on the same inputs (what bcos explain --out STORE/ writes).
    core::StoreChunkRequest request;
    for (const auto method : {core::ExplainMethod::Wxx, core::ExplainMethod::InputXGradient}) {
        core::StoreMethod run;
        run.method = method;
        request.methods.push_back(run);
    }
    request.metrics = {core::Metric::Deletion, core::Metric::Complexity};
    const core::TensorMap expected = storeChunk(request);
    for (int c = 0; c < values.columns().size(); ++c) {
        const at::Tensor column = expected[values.columns()[c].name.toStdString()];
        for (int row = 0; row < 4; ++row) {
            const double want = column[row].item<double>();
            EXPECT_NEAR(values.value(document.image(row).path, c), want, 1e-9 * std::max(1.0, std::abs(want)))
                << values.columns()[c].name.toStdString() << " image " << row;
        }
        // The summary: mean and bootstrap interval of the per-image values.
        const core::MeanInterval interval = core::bootstrapMeanInterval(column, 0.95, 2000, 0);
        const ColumnSummary &summary = panel.summaries()[c];
        EXPECT_NEAR(summary.interval.mean, interval.mean, 1e-9) << c;
        EXPECT_NEAR(summary.interval.lower, interval.lower, 1e-9) << c;
        EXPECT_NEAR(summary.interval.upper, interval.upper, 1e-9) << c;
    }
    // Deletion curves: 33 points from the full image to none, averaged over the images.
    const ColumnSummary &deletion = panel.summaries()[0];
    ASSERT_EQ(deletion.column.name, QStringLiteral("deletion/wxx"));
    ASSERT_EQ(deletion.meanCurve.size(), 33);
    EXPECT_NEAR(deletion.meanCurve[0],
                expected["deletion/wxx/curve"].select(1, 0).mean().item<double>(), 1e-9);
    EXPECT_EQ(panel.summaryTable()->rowCount(), 5);
    EXPECT_EQ(panel.summaryTable()->item(0, 1)->text(), QStringLiteral("wxx"));

    // The per-image table sorts by a value column.
    QTableView *table = panel.imageTable();
    table->sortByColumn(ImageValuesTableModel::kFixedColumns + 2, Qt::AscendingOrder); // complexity/wxx
    double previous = -1.0;
    for (int row = 0; row < 4; ++row) {
        const double value = table->model()->index(row, ImageValuesTableModel::kFixedColumns + 2)
                                 .data(ImageValuesTableModel::SortRole).toDouble();
        EXPECT_GE(value, previous) << row;
        previous = value;
    }
}

TEST_F(MetricsPanelTest, ExportsCsvAndFiguresWithTheirRecipe)
{
    ASSERT_NE(panel.compute(), 0);
    ASSERT_TRUE(test::waitUntil([&] { return !panel.isBusy() && !panel.summaries().isEmpty() && session.isIdle(); }));
    const QString csv = QString::fromStdString((dir / "metrics.csv").string());
    ASSERT_EQ(panel.exportCsv(csv), QString());
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    EXPECT_EQ(lines[0], QStringLiteral("metric,method,higher_is_better,mean,ci_lower,ci_upper,images,left_out"));
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("deletion,wxx,false,"))) << lines[1].toStdString();
    EXPECT_EQ(lines[6], QString());
    EXPECT_EQ(lines[7], QStringLiteral("image,label,deletion/wxx,deletion/ixg,complexity/wxx,complexity/ixg,agreement/wxx~ixg"));
    EXPECT_TRUE(lines[8].startsWith(QStringLiteral("image0.png,,"))) << lines[8].toStdString();
    const double mean = lines[1].section(QLatin1Char(','), 3, 3).toDouble();
    EXPECT_NEAR(mean, panel.summaries()[0].interval.mean, 1e-7);

    for (const char *suffix : {"png", "svg", "pdf"}) {
        const QString figure = QString::fromStdString((dir / (std::string("metrics.") + suffix)).string());
        ASSERT_EQ(panel.exportFigure(figure), QString()) << suffix;
        EXPECT_GT(QFileInfo(figure).size(), 1000) << suffix;
        QFile recipe(figure + QStringLiteral(".json"));
        ASSERT_TRUE(recipe.open(QIODevice::ReadOnly)) << suffix;
        const QJsonObject json = QJsonDocument::fromJson(recipe.readAll()).object();
        EXPECT_EQ(json[QStringLiteral("format")].toString(), QStringLiteral("bcos-metrics-figure-v1"));
        EXPECT_EQ(json[QStringLiteral("images")].toArray().size(), 4);
        EXPECT_EQ(json[QStringLiteral("columns")].toArray().size(), 5);
        EXPECT_NEAR(json[QStringLiteral("columns")].toArray()[0].toObject()[QStringLiteral("mean")].toDouble(),
                    panel.summaries()[0].interval.mean, 1e-12);
    }
    const QString bad = QString::fromStdString((dir / "metrics.bmp").string());
    EXPECT_EQ(panel.exportFigure(bad), bad + QStringLiteral(": unknown figure format 'bmp' (expected png, svg or pdf)"));
}

TEST_F(MetricsPanelTest, CancelKeepsThePreviousValues)
{
    // The worker checks the flag before every chunk and batch: cancelled at once, nothing is replaced.
    ASSERT_NE(panel.compute(), 0);
    panel.cancel();
    ASSERT_TRUE(test::waitUntil([&] { return !panel.isBusy() && session.isIdle(); }));
    EXPECT_TRUE(session.document().values().isEmpty());
    EXPECT_EQ(panel.statusText(), QStringLiteral("Cancelled; the values shown are the previous ones."));
    // Without an explanation method nothing runs (random maps alone neither), and the status says why.
    for (QCheckBox *box : panel.findChildren<QCheckBox *>())
        box->setChecked(false);
    panel.methodBox(QStringLiteral("random"))->setChecked(true);
    EXPECT_EQ(panel.compute(), 0);
    EXPECT_EQ(panel.statusText(),
              QStringLiteral("Check at least one explanation method (random maps are scored beside them)."));
}

TEST_F(MetricsPanelTest, ProgressGrowsWithinAChunkStepByStep)
{
    // One chunk of the four images: before, progress came once, at its end (a 16-image set of the demo showed
    // nothing for a minute). Now every step of the chunk reports: the logits, each method's maps, each metric of
    // each method, and the metrics batch by batch.
    Document &document = session.document();
    MetricsRequest request;
    request.methods = {core::ExplainMethod::Wxx, core::ExplainMethod::InputXGradient};
    request.metrics = {core::Metric::Deletion, core::Metric::Complexity};
    request.inputs = document.inputReader();
    for (const ImageRecord &record : document.images()) {
        request.paths << record.path;
        request.labels << -1;
    }
    const auto model = document.bcosModel();
    const std::lock_guard lock(*model->mutex);
    const std::atomic<bool> cancelled{false};
    for (const int chunk : {32, 2}) {
        request.chunkSize = chunk;
        std::vector<double> reported;
        const MetricsOutcome outcome =
            computeMetrics(*model->network, request, cancelled, [&](double done) { reported.push_back(done); });
        ASSERT_EQ(outcome.rows.size(), 4);
        // 1 + 2 methods + 2 metrics x 2 methods = 7 steps per chunk, and the metrics' batches between them.
        const size_t chunks = (4 + chunk - 1) / chunk;
        EXPECT_GE(reported.size(), 7 * chunks) << "chunk " << chunk;
        EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end())) << "chunk " << chunk;
        EXPECT_GT(reported.front(), 0.0);
        EXPECT_EQ(reported.back(), 1.0);
        // Within the first chunk the fraction stays inside its share of the images.
        const double share = double(std::min(chunk, 4)) / 4;
        EXPECT_LE(reported[3], share);
        EXPECT_GT(std::count_if(reported.begin(), reported.end(), [&](double v) { return v < share; }), 3)
            << "chunk " << chunk;
    }
}

TEST_F(MetricsPanelTest, ScoresRandomMapsAsTheFloor)
{
    // Random maps beside W(x)x: a column per metric, the values of core::explainStoreChunk with the seed-0 floor
    // (bcos evaluate --method random's maps, drawn in the order of the images; the CLI test covers several chunks).
    panel.methodBox(QStringLiteral("ixg"))->setChecked(false);
    panel.methodBox(QStringLiteral("random"))->setChecked(true);
    ASSERT_NE(panel.compute(), 0);
    ASSERT_TRUE(test::waitUntil([&] { return !panel.isBusy() && !panel.summaries().isEmpty() && session.isIdle(); }));
    Document &document = session.document();
    const ImageValues &values = document.values();
    QStringList names;
    for (const ValueColumn &column : values.columns())
        names << column.name;
    EXPECT_EQ(names, (QStringList{"deletion/wxx", "deletion/random", "complexity/wxx", "complexity/random"}));

    core::StoreChunkRequest request;
    request.methods.push_back(core::StoreMethod{});
    request.metrics = {core::Metric::Deletion, core::Metric::Complexity};
    request.randomFloor = core::makeRandomFloor(0);
    const core::TensorMap expected = storeChunk(request);
    for (const QString &name : {QStringLiteral("deletion/random"), QStringLiteral("complexity/random")}) {
        const int c = static_cast<int>(names.indexOf(name));
        for (int row = 0; row < 4; ++row) {
            const double want = expected[name.toStdString()][row].item<double>();
            EXPECT_NEAR(values.value(document.image(row).path, c), want, 1e-9 * std::max(1.0, std::abs(want)))
                << name.toStdString() << " image " << row;
        }
    }
    // The floor is not W(x)x: random maps are far more complex (entropy of a uniform map is near its maximum).
    EXPECT_GT(panel.summaries()[3].interval.mean, panel.summaries()[2].interval.mean);
    EXPECT_EQ(panel.summaryTable()->item(3, 1)->text(), QStringLiteral("random"));
}

} // namespace
} // namespace bcos::widgets
