// bcos-studio: the desktop application. `--version` prints the versions without opening a window;
// `--quit-after-ms` is the smoke test of an installed package (full start, log on stdout, exit status).
#include "browseexercise.h"
#include "screenshots.h"
#include "studioservices.h"

#include "core/buildinfo.h"
#include "widgets/shell/appsettings.h"
#include "widgets/shell/languagesupport.h"
#include "widgets/session/logmodel.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/shell/stallprobe.h"
#include "widgets/shell/versioninfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

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

/// `--lang code` / `--lang=code` read before the parser exists, so that the option texts are translated.
QString languageArgument(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (std::strncmp(argv[i], "--lang=", 7) == 0)
            return QString::fromLocal8Bit(argv[i] + 7);
    }
    return bcos::widgets::AppSettings().language();
}

/// Prints the session log and quits: exit status 1 when it holds an error (e.g. the demo model failed).
void quitWithLog(const bcos::widgets::LogModel &log)
{
    for (int row = 0; row < log.rowCount(); ++row) {
        const auto &entry = log.entry(row);
        std::printf("%s: %s\n", qPrintable(bcos::widgets::LogModel::levelName(entry.level)), qPrintable(entry.message));
    }
    std::fflush(stdout);
    QCoreApplication::exit(log.count(bcos::widgets::LogLevel::Error) > 0 ? 1 : 0);
}

constexpr int kInvalidOption = -2;

/// The value of --quit-after-ms: -1 when it is absent; prints why and returns kInvalidOption when it is not a
/// number of milliseconds >= 0.
int quitAfterOption(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("quit-after-ms")))
        return -1;
    bool ok = false;
    const int ms = parser.value(QStringLiteral("quit-after-ms")).toInt(&ok);
    if (ok && ms >= 0)
        return ms;
    std::fprintf(stderr, "bcos-studio: --quit-after-ms expects milliseconds >= 0, got '%s'\n",
                 qPrintable(parser.value(QStringLiteral("quit-after-ms"))));
    return kInvalidOption;
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
    parser.addOption({QStringLiteral("quit-after-ms"),
                      QApplication::translate("main", "Quit after <ms> milliseconds, print the log and exit with 1 if it "
                                                      "holds an error (smoke test)."),
                      QStringLiteral("ms")});
    parser.addOption({QStringLiteral("measure-stalls"),
                      QApplication::translate("main", "Measure how long the interface is blocked and write the "
                                                      "distribution to <file> (JSON) when the studio quits."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("exercise-browser"),
                      QApplication::translate("main", "Benchmark: scroll the browser, sort by confidence and scroll "
                                                      "the grid once the images are in (with --measure-stalls).")});
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
    bcos::widgets::installTranslations(app, languageArgument(argc, argv));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    const int quitAfterMs = quitAfterOption(parser);
    if (quitAfterMs == kInvalidOption)
        return 2;
    bcos::core::configureThreads();

    bcos::widgets::StallProbe stalls;
    if (parser.isSet(QStringLiteral("measure-stalls"))) {
        stalls.start(); // before the window: its construction counts too
        QObject::connect(&app, &QApplication::aboutToQuit, &stalls, [&stalls, &parser] {
            const QString error = stalls.writeReport(parser.value(QStringLiteral("measure-stalls")));
            if (!error.isEmpty())
                std::fprintf(stderr, "bcos-studio: %s\n", qPrintable(error));
        });
    }
    bcos::widgets::MainWindow window(bcos::studio::makeServices());
    window.show();
    bcos::studio::BrowseExercise exercise(window, stalls);
    if (parser.isSet(QStringLiteral("exercise-browser")))
        exercise.start();
    window.openPaths(parser.positionalArguments());
    bcos::studio::ScreenshotTaker screenshots(window, parser.value(QStringLiteral("screenshot")));
    if (parser.isSet(QStringLiteral("screenshot")))
        screenshots.start();
    else if (parser.isSet(QStringLiteral("demo")) || bcos::widgets::AppSettings().isFirstLaunch())
        window.startDemo();
    bcos::widgets::AppSettings().markLaunched();
    if (quitAfterMs >= 0)
        QTimer::singleShot(quitAfterMs, &window, [&window] { quitWithLog(window.session().log()); });
    return QApplication::exec();
}
