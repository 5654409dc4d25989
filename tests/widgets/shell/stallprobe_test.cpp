// The GUI-stall probe: a blocked event loop shows up as one late tick of about the blocked time.
#include "qtwait.h"
#include "tests/support/tempdir.h"

#include "widgets/shell/stallprobe.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#include <gtest/gtest.h>

namespace bcos::widgets {
namespace {

TEST(StallProbe, ABlockedEventLoopIsOneLateTick)
{
    StallProbe probe;
    probe.start();
    bool blocked = false;
    QTimer::singleShot(100, [&] {
        QThread::msleep(150); // the GUI thread does something it should not
        blocked = true;
    });
    ASSERT_TRUE(test::waitUntil([&] { return blocked; }, 5000));
    test::waitUntil([] { return false; }, 200); // and runs freely again
    ASSERT_GT(probe.latenessMs().size(), 10u);
    EXPECT_GE(probe.maxMs(), 140.0 - StallProbe::intervalMs()); // the tick due during the sleep came ~150 ms late
    EXPECT_LT(probe.quantileMs(0.5), 50.0);                     // most ticks came on time (a loaded CI still < 50)
    EXPECT_EQ(probe.quantileMs(1.0), probe.maxMs());

    probe.mark(QStringLiteral("done_s"));
    probe.record(QStringLiteral("prediction_read_s"), 1.25);
    test::TempDir dir;
    const QString path = QString::fromStdString((dir / "stalls.json").string());
    ASSERT_EQ(probe.writeReport(path), QString());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
    EXPECT_EQ(report[QStringLiteral("interval_ms")].toInt(), 10);
    EXPECT_EQ(report[QStringLiteral("ticks")].toInt(), static_cast<int>(probe.latenessMs().size()));
    EXPECT_DOUBLE_EQ(report[QStringLiteral("max_ms")].toDouble(), probe.maxMs());
    EXPECT_GE(report[QStringLiteral("over_50_ms")].toInt(), 1);
    EXPECT_GT(report[QStringLiteral("marks")].toObject()[QStringLiteral("done_s")].toDouble(), 0.2);
    EXPECT_EQ(report[QStringLiteral("values")].toObject()[QStringLiteral("prediction_read_s")].toDouble(), 1.25);
    EXPECT_EQ(probe.writeReport(QStringLiteral("/nonexistent/dir/stalls.json")).left(38),
              QStringLiteral("/nonexistent/dir/stalls.json: cannot w"));
}

} // namespace
} // namespace bcos::widgets
