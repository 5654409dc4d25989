// Opening an explanation store in the studio: its images, the stored maps in the grid without recomputing (the
// store's maps are deliberately not the model's), its values in the browser's sort and filter.
#include "qtwait.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include "core/eval/explanationstore.h"
#include "widgets/browser/imagefilterproxymodel.h"
#include "widgets/browser/imagelistmodel.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/modelloading.h"
#include "widgets/session/storeimport.h"
#include "widgets/session/studiosession.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bcos::widgets {
namespace {

constexpr int64_t kImages = 6;

/// A store of the tiny B-cos model (8 x 8, 10 classes) whose maps and logits are seeded noise: a cell that shows
/// them was read, not computed.
struct StoreFixture {
    test::TempDir dir;
    std::string model = test::writeTinyModel(dir / "model.safetensors").string();
    QString folder = QString::fromStdString((dir / "store").string());
    core::TensorMap chunk;

    StoreFixture()
    {
        core::StoreIndex index;
        index.model = model;
        index.input = "images.safetensors";
        index.methods = {"wxx", "ixg"};
        index.values = {"complexity/wxx", "agreement/wxx~ixg"};
        index.options["complexity/wxx"] = {{"metric", "complexity"}, {"method", "wxx"}, {"higher_is_better", false}};
        index.options["wxx_rendering"] = {{"smooth", 3}, {"alpha_percentile", 99.5}};
        index.height = index.width = 8;
        index.numClasses = 10;
        torch::manual_seed(7);
        chunk.insert("images", torch::randint(0, 256, {kImages, 3, 8, 8}).to(torch::kByte));
        chunk.insert("labels", torch::tensor(std::vector<int64_t>{3, 1, 4, 1, 5, 9}, torch::kLong));
        chunk.insert("logits", torch::randn({kImages, 10}));
        chunk.insert("targets", torch::zeros({kImages}, torch::kLong));
        chunk.insert("wxx/attributions", torch::randn({kImages, 8, 8}));
        chunk.insert("wxx/rgba", torch::randint(0, 256, {kImages, 8, 8, 4}).to(torch::kByte));
        chunk.insert("ixg/attributions", torch::randn({kImages, 8, 8}));
        chunk.insert("complexity/wxx", torch::tensor({2.5, 1.0, std::nan(""), 4.0, 3.0, 0.5}, torch::kDouble));
        chunk.insert("agreement/wxx~ixg", torch::tensor({0.9, -0.2, 0.1, 0.4, 0.7, 0.0}, torch::kDouble));
        core::ExplanationStoreWriter writer(folder.toStdString(), index);
        writer.append(chunk, {"a.png", "b.png", "c.png", "d.png", "e.png", "f.png"});
        writer.finish();
    }
};

/// Opens the fixture's store in `session` and waits until its images are in and the jobs are done.
void openAndWait(StudioSession &session, const StoreFixture &fixture)
{
    session.document().openStore(fixture.folder);
    ASSERT_TRUE(test::waitUntil([&] { return session.document().imageCount() == kImages && session.isIdle(); }));
}

const ViewColumn &columnOf(const Document &document, const QString &id)
{
    for (const ViewColumn &column : document.columns())
        if (column.id == id)
            return column;
    throw std::runtime_error("no column " + id.toStdString());
}

TEST(StoreSession, OpensTheStoredImagesMapsAndValues)
{
    const StoreFixture fixture;
    StudioSession session(loadModelWithCore, {});
    Document &document = session.document();
    openAndWait(session, fixture);
    ASSERT_TRUE(document.store());
    EXPECT_EQ(document.image(2).name, QStringLiteral("c.png"));
    EXPECT_EQ(document.image(5).label, 9);
    EXPECT_EQ(document.storeIndexOf(document.image(4).path), 4);
    EXPECT_EQ(document.storeIndexOf(QStringLiteral("/elsewhere/#4")), -1);
    ASSERT_TRUE(document.bcosModel());

    ResultCache &cache = session.cache();
    const LoadedModel &model = *document.bcosModel();
    for (int row = 0; row < kImages; ++row) {
        const QString path = document.image(row).path;
        // The input is the stored image, read again from the store (the record keeps no pixels).
        const at::Tensor stored = fixture.chunk["images"][row];
        const QImage input = document.inputReader().read(path);
        EXPECT_EQ(qRed(input.pixel(3, 5)), stored[0][5][3].item<int>()) << row;
        EXPECT_EQ(qBlue(input.pixel(7, 0)), stored[2][0][7].item<int>()) << row;
        // Maps: the stored noise, not what the model would give.
        const at::Tensor contributions = cache.map(ResultKey::make(path, model, columnOf(document, "contributions")));
        ASSERT_TRUE(contributions.defined()) << row;
        EXPECT_TRUE(contributions.equal(fixture.chunk["wxx/attributions"][row])) << row;
        const at::Tensor ixg = cache.map(ResultKey::make(path, model, columnOf(document, "ixg")));
        ASSERT_TRUE(ixg.defined()) << row;
        EXPECT_TRUE(ixg.equal(fixture.chunk["ixg/attributions"][row])) << row;
        // The colour W(x)x cell is the stored RGBA over black: rgb * alpha.
        const QImage colour = cache.find(ResultKey::make(path, model, columnOf(document, "wxx")));
        ASSERT_FALSE(colour.isNull()) << row;
        const at::Tensor rgba = fixture.chunk["wxx/rgba"][row][2][6].to(torch::kDouble).div(255);
        EXPECT_NEAR(qGreen(colour.pixel(6, 2)), std::lround(255 * (rgba[1] * rgba[3]).item<double>()), 1) << row;
        // Predictions come from the stored logits.
        const auto top = cache.prediction(path, model);
        ASSERT_FALSE(top.isEmpty()) << row;
        EXPECT_EQ(top.first().index, fixture.chunk["logits"][row].argmax().item<int64_t>()) << row;
        // GradCAM is not in the store: computed by the model.
        EXPECT_TRUE(cache.map(ResultKey::make(path, model, columnOf(document, "gradcam"))).defined()) << row;
    }
    // The W(x)x column took the store's rendering; another smoothing is computed, not read.
    EXPECT_EQ(columnOf(document, "wxx").spec.view.smooth, 3);

    // Values: per image, NaN where the store has none.
    const ImageValues &values = document.values();
    ASSERT_EQ(values.columns().size(), 2);
    EXPECT_EQ(values.columns()[0].name, QStringLiteral("complexity/wxx"));
    EXPECT_FALSE(values.columns()[0].higherIsBetter);
    EXPECT_EQ(values.columns()[1].method, QStringLiteral("wxx~ixg"));
    EXPECT_DOUBLE_EQ(values.value(document.image(3).path, 0), 4.0);
    EXPECT_TRUE(std::isnan(values.value(document.image(2).path, 0)));
    EXPECT_DOUBLE_EQ(values.value(document.image(1).path, 1), -0.2);
}

TEST(StoreSession, TheBrowserSortsAndFiltersByAStoredValue)
{
    const StoreFixture fixture;
    StudioSession session(loadModelWithCore, {});
    Document &document = session.document();
    openAndWait(session, fixture);
    ImageListModel list(document, &session.cache());
    ImageFilterProxyModel proxy;
    proxy.setSourceModel(&list);
    const auto shown = [&proxy] {
        QStringList names;
        for (int row = 0; row < proxy.rowCount(); ++row)
            names << proxy.index(row, 0).data().toString();
        return names;
    };
    // "Where do W(x)x and Input x Gradient disagree most": agreement, low first.
    list.setValueColumn(document.values().columnIndex(QStringLiteral("agreement/wxx~ixg")));
    proxy.valuesChanged();
    proxy.setSorting(BrowserSortKey::Value, Qt::AscendingOrder);
    EXPECT_EQ(shown(), QStringList({"b.png", "f.png", "c.png", "d.png", "e.png", "a.png"}));
    proxy.setValueRange(0.05, 0.5);
    EXPECT_EQ(shown(), QStringList({"c.png", "d.png"}));
    proxy.setValueRange(NAN, 0.0);
    EXPECT_EQ(shown(), QStringList({"b.png", "f.png"}));
    // An image without the value never passes a range, and sorts as the lowest.
    list.setValueColumn(document.values().columnIndex(QStringLiteral("complexity/wxx")));
    proxy.valuesChanged();
    proxy.setValueRange(NAN, NAN);
    proxy.setSorting(BrowserSortKey::Value, Qt::DescendingOrder);
    EXPECT_EQ(shown(), QStringList({"d.png", "e.png", "a.png", "b.png", "f.png", "c.png"}));
    proxy.setValueRange(0.0, 100.0);
    EXPECT_EQ(shown().size(), 5);
    EXPECT_TRUE(list.index(3).data(Qt::ToolTipRole).toString().contains(QStringLiteral("complexity/wxx: 4")));
}

TEST(StoreSession, AFolderThatIsNoStoreIsAnErrorInTheLog)
{
    test::TempDir dir;
    StudioSession session(loadModelWithCore, {});
    session.document().openStore(QString::fromStdString((dir / "nothing").string()));
    ASSERT_TRUE(test::waitUntil([&] { return session.isIdle() && session.log().count(LogLevel::Error) == 1; }));
    const QString message = session.log().entry(session.log().rowCount() - 1).message;
    EXPECT_TRUE(message.contains(QStringLiteral("index.json: cannot open (an explanation store is a folder written by"))) << message.toStdString();
    EXPECT_EQ(session.document().imageCount(), 0);
}

} // namespace
} // namespace bcos::widgets
