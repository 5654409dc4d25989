// bcos-studio: the desktop application. `--version` prints the versions without opening a window.
#include "screenshots.h"
#include "studioservices.h"

#include "core/buildinfo.h"
#include "widgets/appsettings.h"
#include "widgets/languagesupport.h"
#include "widgets/mainwindow.h"
#include "widgets/versioninfo.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstring>

namespace {

bool wantsVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0)
            return true;
    return false;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QApplication::translate("main", "Inherently interpretable B-cos networks: convert, train, explain."));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("v"), QStringLiteral("version")}, QApplication::translate("main", "Print versions and exit.")});
    parser.addOption({QStringLiteral("lang"), QApplication::translate("main", "Interface language (en, de, fr)."),
                      QStringLiteral("code")});
    parser.addOption({QStringLiteral("demo"), QApplication::translate("main", "Start with the demo model and images.")});
    parser.addOption({QStringLiteral("screenshot"),
                      QApplication::translate("main", "Save screenshots of the panels into <dir> and quit."),
                      QStringLiteral("dir")});
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("main", "Images, folders or model files to open."));
}

} // namespace

int main(int argc, char **argv)
{
    if (wantsVersion(argc, argv)) {
        // No QApplication: works without a display.
        for (const QString &line : bcos::widgets::versionLines(bcos::widgets::queryVersionInfo()))
            std::printf("%s\n", qPrintable(line));
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("B-cos Studio"));
    QApplication::setApplicationName(QStringLiteral("bcos-studio"));
    QApplication::setApplicationVersion(QStringLiteral(BCOS_STUDIO_VERSION));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    const QString language = parser.isSet(QStringLiteral("lang")) ? parser.value(QStringLiteral("lang"))
                                                                   : bcos::widgets::AppSettings().language();
    bcos::widgets::installTranslations(app, language);
    bcos::core::configureThreads();

    bcos::widgets::MainWindow window(bcos::studio::makeServices());
    window.show();
    window.openPaths(parser.positionalArguments());
    bcos::studio::ScreenshotTaker screenshots(window, parser.value(QStringLiteral("screenshot")));
    if (parser.isSet(QStringLiteral("screenshot")))
        screenshots.start();
    else if (parser.isSet(QStringLiteral("demo")) || bcos::widgets::AppSettings().isFirstLaunch())
        window.startDemo();
    bcos::widgets::AppSettings().markLaunched();
    return QApplication::exec();
}
