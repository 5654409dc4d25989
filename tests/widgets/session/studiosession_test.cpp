// The studio without a window: StudioSession owns the document, the jobs, the cache and the log, and reports
// export errors as a return value.
#include "qtwait.h"
#include "testimages.h"
#include "tests/support/tempdir.h"

#include "widgets/export/gridexporter.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/jobs/taskrunner.h"
#include "widgets/session/document.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"

#include <QFileInfo>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

TEST(StudioSession, AddsImagesAndExportsWithoutAWindow)
{
    test::TempDir dir;
    const QString png = QString::fromStdString((dir / "photo.png").string());
    test::writeTestPng(png, 64, 48);
    StudioSession session({}, {});
    session.document().addImages({png});
    ASSERT_TRUE(test::waitUntil([&] { return session.document().imageCount() == 1 && session.isIdle(); }));
    EXPECT_EQ(session.gridModel().rowCount(), 1);
    EXPECT_FALSE(session.gridModel().cellImage(0, 0).isNull()); // the Input column

    const QString out = QString::fromStdString((dir / "grid.png").string());
    EXPECT_TRUE(session.exportGrid(out, {}, GridExporter::everything(session.gridModel()), false).isEmpty());
    EXPECT_TRUE(QFileInfo(out).isFile());
    const QString error =
        session.exportGrid(out + QStringLiteral(".bmp"), {}, GridExporter::everything(session.gridModel()), false);
    EXPECT_TRUE(error.contains(QStringLiteral("unknown export format"))) << error.toStdString();
    EXPECT_EQ(session.log().entry(session.log().rowCount() - 1).message, error); // and it is logged
}

TEST(StudioSession, TrainingWithoutATrainerIsLoggedAsAnError)
{
    StudioSession session({}, {});
    session.training().start({});
    EXPECT_EQ(session.log().count(LogLevel::Error), 1);
    EXPECT_TRUE(session.log().entry(0).message.startsWith(QStringLiteral("Training: "))) << session.log().entry(0).message.toStdString();
}

} // namespace
} // namespace bcos::widgets
