// A session with more images than ExplanationJobs explains eagerly: images arrive in batches (one undo step),
// explanations follow the rows the grid wants, predictions cover every image.
#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"
#include "tests/support/tinymodel.h"

#include "widgets/jobs/explanationjobs.h"
#include "widgets/jobs/resultcache.h"
#include "widgets/session/document.h"
#include "widgets/session/modelloading.h"
#include "widgets/session/studiosession.h"

#include <QDir>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

TEST(LargeSession, ExplainsTheWantedRowsAndPredictsEveryImage)
{
    test::TempDir dir;
    const QString folder = QString::fromStdString((dir / "images").string());
    QDir().mkpath(folder);
    const int count = ExplanationJobs::eagerRowLimit() + 88;
    for (int i = 0; i < count; ++i) // 8 x 8 .. 15 x 15: the model's 8 px crops differ
        test::writeTestPng(QStringLiteral("%1/img%2.png").arg(folder).arg(i, 4, 10, QLatin1Char('0')), 8 + i % 8, 8 + i % 8);
    StudioSession session(loadModelWithCore, {});
    Document &document = session.document();
    document.loadModel(QString::fromStdString(test::writeTinyModel(dir / "model.safetensors").string()));
    ASSERT_TRUE(test::waitUntil([&] { return document.hasModel() && session.isIdle(); }));
    session.explanations().setWantedRows({3, 4});
    int inserts = 0;
    QObject::connect(&document, &Document::imagesInserted, [&inserts] { ++inserts; });
    document.setImageBatch(100);
    document.addImages({folder});
    ASSERT_TRUE(test::waitUntil([&] { return document.imageCount() == count && session.isIdle(); }, 120000));

    // Rows came in batches, but adding the folder is one undo step.
    EXPECT_GE(inserts, count / 100);
    EXPECT_EQ(document.undoStack()->count(), 1);
    EXPECT_EQ(document.undoStack()->text(0), QStringLiteral("Add %1 image(s)").arg(count));

    const LoadedModel &model = *document.bcosModel();
    ViewColumn contributions;
    for (const ViewColumn &column : document.columns())
        if (column.id == QLatin1String("contributions"))
            contributions = column;
    const auto explained = [&](int row) {
        return session.cache().map(ResultKey::make(document.image(row).path, model, contributions)).defined();
    };
    // (Rows that came while the session was still small were explained eagerly: at most eagerRowLimit().)
    EXPECT_TRUE(explained(3));
    EXPECT_TRUE(explained(4));
    int beyond = 0;
    for (int row = ExplanationJobs::eagerRowLimit(); row < count; ++row)
        beyond += explained(row) ? 1 : 0;
    EXPECT_EQ(beyond, 0);
    for (int row = 0; row < count; ++row) // predictions: every image, for the browser's filters and sorting
        ASSERT_FALSE(session.cache().prediction(document.image(row).path, model).isEmpty()) << row;

    session.explanations().setWantedRows({count - 1});
    ASSERT_TRUE(test::waitUntil([&] { return explained(count - 1) && session.isIdle(); }));
    EXPECT_FALSE(explained(count - 2));

    document.undoStack()->undo();
    EXPECT_EQ(document.imageCount(), 0);
}

} // namespace
} // namespace bcos::widgets
