// The image browser's filter bar and sort: the proxy on hand-made rows, then the real studio with the demo
// model and a Fashion-MNIST split (labels from the dataset, predictions from the worker).
#include "qtwait.h"
#include "windowchild.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "widgets/browser/browserfilterbar.h"
#include "widgets/training/coretrainer.h"
#include "widgets/session/demodata.h"
#include "widgets/session/document.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/jobs/explanationjobs.h"
#include "widgets/grid/gridorderproxymodel.h"
#include "widgets/browser/imagebrowser.h"
#include "widgets/browser/imagefilterproxymodel.h"
#include "widgets/browser/imagelistmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/jobs/predictionjobs.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/jobs/taskrunner.h"

#include <QComboBox>
#include <QStandardItemModel>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

/// Rows: name, label, predicted class, confidence (< 0: not predicted yet).
struct Row {
    QString name;
    int label;
    int predicted;
    double confidence;
};

void fill(QStandardItemModel &model, const QList<Row> &rows)
{
    for (int i = 0; i < rows.size(); ++i) {
        auto *item = new QStandardItem(rows[i].name);
        item->setData(rows[i].label, ImageListModel::LabelRole);
        item->setData(rows[i].predicted, ImageListModel::PredictedClassRole);
        item->setData(rows[i].confidence >= 0 ? QVariant(rows[i].confidence) : QVariant(), ImageListModel::ConfidenceRole);
        item->setData(i, ImageListModel::OrderRole);
        model.appendRow(item);
    }
}

QStringList shownNames(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, 0).data().toString();
    return names;
}

TEST(ImageFilterProxy, FiltersByCorrectnessAndClassesAndSorts)
{
    QStandardItemModel source;
    fill(source, {{"img10.png", 1, 1, 0.9}, {"img2.png", 1, 2, 0.6}, {"drop.png", -1, 0, 0.7},
                  {"img1.png", 2, 2, 0.95}, {"pending.png", 0, -1, -1.0}});
    ImageFilterProxyModel proxy;
    proxy.setSourceModel(&source);
    EXPECT_EQ(shownNames(proxy), QStringList({"img10.png", "img2.png", "drop.png", "img1.png", "pending.png"}));
    proxy.setCorrectness(CorrectnessFilter::Correct);
    EXPECT_EQ(shownNames(proxy), QStringList({"img10.png", "img1.png"}));
    proxy.setCorrectness(CorrectnessFilter::Incorrect);
    EXPECT_EQ(shownNames(proxy), QStringList({"img2.png"})); // a row without prediction is neither
    proxy.setCorrectness(CorrectnessFilter::Unlabelled);
    EXPECT_EQ(shownNames(proxy), QStringList({"drop.png"}));
    proxy.setCorrectness(CorrectnessFilter::All);
    proxy.setTrueClass(1);
    EXPECT_EQ(shownNames(proxy), QStringList({"img10.png", "img2.png"}));
    proxy.setTrueClass(-1);
    proxy.setPredictedClass(2);
    EXPECT_EQ(shownNames(proxy), QStringList({"img2.png", "img1.png"}));
    proxy.setPredictedClass(-1);

    proxy.setSorting(BrowserSortKey::Confidence, Qt::DescendingOrder);
    EXPECT_EQ(shownNames(proxy), QStringList({"img1.png", "img10.png", "drop.png", "img2.png", "pending.png"}));
    proxy.setSorting(BrowserSortKey::Confidence, Qt::AscendingOrder);
    EXPECT_EQ(shownNames(proxy), QStringList({"pending.png", "img2.png", "drop.png", "img10.png", "img1.png"}));
    proxy.setSorting(BrowserSortKey::Name, Qt::AscendingOrder);
    EXPECT_EQ(shownNames(proxy), QStringList({"drop.png", "img1.png", "img10.png", "img2.png", "pending.png"}));
    proxy.setSorting(BrowserSortKey::Order, Qt::AscendingOrder);
    EXPECT_EQ(shownNames(proxy).first(), QStringLiteral("img10.png"));

    // A prediction arriving moves the row (dynamic filter and sort).
    proxy.setCorrectness(CorrectnessFilter::Correct);
    source.item(4)->setData(0, ImageListModel::PredictedClassRole);
    source.item(4)->setData(0.5, ImageListModel::ConfidenceRole);
    EXPECT_EQ(shownNames(proxy), QStringList({"img10.png", "img1.png", "pending.png"}));
}

class BrowserFilterStudioTest : public ::testing::Test {
protected:
    bool waitIdle(int msecs = 180000)
    {
        return test::waitUntil([this] {
            return window.session().runner().activeCount() == 0 && window.session().explanations().isIdle()
                && window.session().predictions().isIdle() && !test::child<ImageListModel>(window).hasPendingRefresh();
        }, msecs);
    }
    /// The demo (model + 16 images), then the first `count` images of the Fashion-MNIST test split.
    void loadDemoAndSplit(int count)
    {
        ASSERT_FALSE(findDemoModel().isEmpty()) << "the demo model is part of the source tree";
        ASSERT_TRUE(hasFashionMnist(fashionMnistDir())) << fashionMnistDir().toStdString();
        window.startDemo();
        const Document &document = window.session().document();
        ASSERT_TRUE(test::waitUntil([&document] { return document.imageCount() == 16 && document.hasModel(); }))
            << document.imageCount() << " images, model " << document.hasModel() << "; log:\n" << logText();
        window.openDatasetSplit(fashionMnistDir(), false, count);
        ASSERT_TRUE(test::waitUntil([this, count] { return window.session().document().imageCount() == 16 + count; }));
        ASSERT_TRUE(waitIdle());
    }
    std::string logText()
    {
        std::string text;
        for (int row = 0; row < window.session().log().rowCount(); ++row)
            text += window.session().log().entry(row).message.toStdString() + "\n";
        return text;
    }
    void choose(QComboBox *box, int data)
    {
        const int index = box->findData(data);
        ASSERT_GE(index, 0) << box->objectName().toStdString() << " has no item " << data;
        box->setCurrentIndex(index);
        QCoreApplication::processEvents(); // the grid follows through a queued connection
    }
    int shown() { return test::child<ImageBrowser>(window).model()->rowCount(); }
    /// The primary model's cached top class of a Document row (-1 when missing).
    int predicted(int row)
    {
        const auto top = window.session().cache().prediction(window.session().document().image(row).path, *window.session().document().model());
        return top.isEmpty() ? -1 : top.first().index;
    }
    double confidence(int row)
    {
        return window.session().cache().prediction(window.session().document().image(row).path, *window.session().document().model()).first().probability;
    }
    /// Document rows in the browser's order; the grid must show the same rows in the same order.
    QList<int> browserRows()
    {
        QList<int> rows;
        for (int row = 0; row < shown(); ++row)
            rows << test::child<ImageBrowser>(window).sourceRow(test::child<ImageBrowser>(window).model()->index(row, 0));
        return rows;
    }
    QList<int> gridRows()
    {
        QList<int> rows;
        for (int row = 0; row < test::child<GridOrderProxyModel>(window).rowCount(); ++row)
            rows << test::child<GridOrderProxyModel>(window).sourceRow(row);
        return rows;
    }

    test::TempDir dir;
    MainWindow window{StudioServices{loadModelWithCore, trainWithCore, {}}};
};

TEST_F(BrowserFilterStudioTest, CorrectAndIncorrectSplitTheLabelledImagesAsThePredictionsSay)
{
    loadDemoAndSplit(48);
    const Document &document = window.session().document();
    const int total = document.imageCount();
    int correct = 0;
    for (int row = 0; row < total; ++row) {
        ASSERT_GE(document.image(row).label, 0) << "dataset images carry their label";
        ASSERT_GE(predicted(row), 0) << "the worker predicted every image";
        correct += predicted(row) == document.image(row).label ? 1 : 0;
    }
    EXPECT_EQ(document.image(0).label, 9); // the first Fashion-MNIST test image is an ankle boot
    EXPECT_EQ(document.image(16).label, 9);
    EXPECT_GT(correct, total / 2); // the demo model is ~88 % accurate
    EXPECT_LT(correct, total);     // ... so some of 64 are wrong

    BrowserFilterBar *bar = &test::child<BrowserFilterBar>(window);
    EXPECT_EQ(bar->trueClassBox()->count(), 11); // "any" + the model's ten classes
    choose(bar->correctnessBox(), static_cast<int>(CorrectnessFilter::Correct));
    EXPECT_EQ(shown(), correct);
    for (int row : browserRows())
        EXPECT_EQ(predicted(row), document.image(row).label);
    EXPECT_EQ(gridRows(), browserRows());
    choose(bar->correctnessBox(), static_cast<int>(CorrectnessFilter::Incorrect));
    EXPECT_EQ(shown(), total - correct);
    for (int row : browserRows())
        EXPECT_NE(predicted(row), document.image(row).label);
    EXPECT_EQ(gridRows(), browserRows());
    EXPECT_EQ(bar->shownText(), QStringLiteral("%1 of %2 image(s) shown").arg(total - correct).arg(total));
    choose(bar->correctnessBox(), static_cast<int>(CorrectnessFilter::Unlabelled));
    EXPECT_EQ(shown(), 0);

    // A dropped image has no label: only "unlabelled" and "all" show it.
    test::writeTestPng(QString::fromStdString((dir / "dropped.png").string()), 40, 30);
    window.openPaths({QString::fromStdString((dir / "dropped.png").string())});
    ASSERT_TRUE(test::waitUntil([&document, total] { return document.imageCount() == total + 1; }));
    ASSERT_TRUE(waitIdle());
    EXPECT_EQ(document.image(total).label, -1);
    EXPECT_GE(predicted(total), 0);
    EXPECT_EQ(shown(), 1);
    EXPECT_EQ(gridRows(), QList<int>{total});
    choose(bar->correctnessBox(), static_cast<int>(CorrectnessFilter::Correct));
    const int nowCorrect = shown();
    choose(bar->correctnessBox(), static_cast<int>(CorrectnessFilter::Incorrect));
    EXPECT_EQ(nowCorrect + shown(), total);
    choose(bar->correctnessBox(), static_cast<int>(CorrectnessFilter::All));
    EXPECT_EQ(shown(), total + 1);

    // Class filters: by label and by prediction.
    choose(bar->trueClassBox(), 9);
    int ankleBoots = 0;
    for (int row = 0; row < document.imageCount(); ++row)
        ankleBoots += document.image(row).label == 9 ? 1 : 0;
    EXPECT_EQ(shown(), ankleBoots);
    choose(bar->trueClassBox(), -1);
    choose(bar->predictedClassBox(), 1);
    int trousers = 0;
    for (int row = 0; row < document.imageCount(); ++row)
        trousers += predicted(row) == 1 ? 1 : 0;
    EXPECT_EQ(shown(), trousers);
    EXPECT_GT(trousers, 0);
    EXPECT_EQ(gridRows(), browserRows());

    // Removing the selection removes Document rows, not view rows.
    choose(bar->predictedClassBox(), -1);
    test::child<ImageBrowser>(window).selectionModel()->select(test::child<ImageBrowser>(window).model()->index(0, 0),
                                                    QItemSelectionModel::Select);
    EXPECT_EQ(test::child<ImageBrowser>(window).selectedRows(), QList<int>{browserRows().first()});
}

TEST_F(BrowserFilterStudioTest, SortingByConfidenceOrdersBrowserAndGrid)
{
    loadDemoAndSplit(24);
    BrowserFilterBar *bar = &test::child<BrowserFilterBar>(window);
    const int total = window.session().document().imageCount();
    choose(bar->sortBox(), 2); // confidence, high first
    ASSERT_EQ(shown(), total);
    QList<int> rows = browserRows();
    for (int i = 1; i < rows.size(); ++i)
        EXPECT_GE(confidence(rows[i - 1]), confidence(rows[i])) << i;
    EXPECT_EQ(gridRows(), rows);
    choose(bar->sortBox(), 3); // confidence, low first
    rows = browserRows();
    for (int i = 1; i < rows.size(); ++i)
        EXPECT_LE(confidence(rows[i - 1]), confidence(rows[i])) << i;
    EXPECT_EQ(gridRows(), rows);
    // The browser's data is the prediction the grid's row header shows.
    const QModelIndex first = test::child<ImageBrowser>(window).model()->index(0, 0);
    EXPECT_DOUBLE_EQ(first.data(ImageListModel::ConfidenceRole).toDouble(), confidence(rows.first()));
    choose(bar->sortBox(), 1); // name
    rows = browserRows();
    for (int i = 1; i < rows.size(); ++i)
        EXPECT_LT(window.session().document().image(rows[i - 1]).name.compare(window.session().document().image(rows[i]).name,
                                                                   Qt::CaseInsensitive), 0) << i;
    choose(bar->sortBox(), 0); // order added
    rows = browserRows();
    for (int i = 0; i < rows.size(); ++i)
        EXPECT_EQ(rows[i], i);
    EXPECT_EQ(gridRows(), rows);
}

} // namespace
} // namespace bcos::widgets
