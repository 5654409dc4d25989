// GoogleTest main with a QApplication on the offscreen platform (also during test discovery).
#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdio>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // ctest runs the tests as parallel processes: each gets its own home, so their settings and caches (the demo's
    // images, recent files, training runs) are never another process's, and are removed when it ends.
    const QTemporaryDir home(QDir::tempPath() + QStringLiteral("/bcos_widgets_tests-XXXXXX"));
    if (!home.isValid()) {
        std::fprintf(stderr, "cannot create a temporary home: %s\n", qPrintable(home.errorString()));
        return 1;
    }
    qputenv("HOME", home.path().toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true); // QSettings and caches go to a test location under that home
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("B-cos Studio Tests"));
    QApplication::setApplicationName(QStringLiteral("bcos_widgets_tests"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
