// GoogleTest main with a QApplication on the offscreen platform (also during test discovery).
#include <QApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // QSettings and caches go to a test location
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("B-cos Studio Tests"));
    QApplication::setApplicationName(QStringLiteral("bcos_widgets_tests"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
