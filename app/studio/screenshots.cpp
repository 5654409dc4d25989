#include "screenshots.h"

#include "widgets/export/gridexporter.h"
#include "widgets/session/document.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace bcos::studio {

ScreenshotTaker::ScreenshotTaker(widgets::MainWindow &window, QString dir, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_dir(std::move(dir))
{
}

void ScreenshotTaker::start()
{
    m_window.startDemo();
    QTimer::singleShot(200, this, &ScreenshotTaker::poll);
}

void ScreenshotTaker::poll()
{
    // Wait for the demo (images and model on the worker), B-cosify the demo model, wait for the explanation
    // columns to be computed (at most ~2 min in all), then let the views settle.
    widgets::Document &document = m_window.session().document();
    const bool busy = !m_window.session().isIdle();
    if ((document.imageCount() == 0 || busy) && ++m_polls < 600) {
        QTimer::singleShot(200, this, &ScreenshotTaker::poll);
        return;
    }
    if (document.standardModel() && !document.bcosModel() && !m_bcosified) {
        m_bcosified = true;
        document.bcosifyModel(2.0);
        QTimer::singleShot(200, this, &ScreenshotTaker::poll);
        return;
    }
    QTimer::singleShot(500, this, &ScreenshotTaker::grabAll);
}

void ScreenshotTaker::grabAll()
{
    QDir().mkpath(m_dir);
    int failures = 0;
    for (const auto &[name, widget] : m_window.panels()) {
        if (auto *dock = qobject_cast<QDockWidget *>(widget)) { // tabified docks: bring each to the front
            dock->raise();
            QApplication::processEvents();
        }
        const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
        const bool ok = widget->grab().save(path, "PNG");
        std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
        failures += ok ? 0 : 1;
    }
    // The export of the demo grid, to look at next to the panels.
    widgets::ExportOptions options;
    options.title = QStringLiteral("B-cos Studio demo");
    options.dpi = 150;
    options.minCellSide = 112; // the demo's 28 px cells, enlarged 4x
    for (const char *suffix : {"png", "svg", "pdf"}) {
        const QString path = QDir(m_dir).filePath(QStringLiteral("grid-export.") + QLatin1String(suffix));
        const bool ok = m_window.exportGridTo(path, options, false, true);
        std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
        failures += ok ? 0 : 1;
    }
    QApplication::exit(failures == 0 ? 0 : 1);
}

} // namespace bcos::studio
