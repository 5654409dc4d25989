#include "screenshots.h"

#include "widgets/clip/clippromptpanel.h"
#include "widgets/export/gridexporter.h"
#include "widgets/grid/explanationgridmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/session/document.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QScrollBar>
#include <QSlider>
#include <QTimer>

#include <cstdio>

namespace bcos::studio {
namespace {

const QString kPrompt = QStringLiteral("a photo of a sneaker");

/// The grid columns of the CLIP prompt maps.
QVector<int> clipColumns(const widgets::ExplanationGridModel &grid)
{
    QVector<int> columns;
    for (int c = 0; c < grid.columnCount(); ++c)
        if (grid.column(c).id.startsWith(QStringLiteral("clip:")))
            columns << c;
    return columns;
}

/// The document rows of the demo CLIP's mosaics.
QVector<int> mosaicRows(const widgets::Document &document)
{
    QVector<int> rows;
    for (int row = 0; row < document.imageCount(); ++row)
        if (document.image(row).name.startsWith(QStringLiteral("clip-mosaic")))
            rows << row;
    return rows;
}

} // namespace

ScreenshotTaker::ScreenshotTaker(widgets::MainWindow &window, QString dir, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_dir(std::move(dir))
{
}

void ScreenshotTaker::start()
{
    QDir().mkpath(m_dir);
    m_window.startDemo();
    widgets::Document &document = m_window.session().document();
    waitThen(QStringLiteral("the demo"),
             [&document] { return document.imageCount() > 0 && document.standardModel() && document.fineTunedModel(); },
             [this] { grabDemo(); });
}

void ScreenshotTaker::waitThen(const QString &step, std::function<bool()> ready, std::function<void()> next)
{
    auto polls = std::make_shared<int>(0);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, step, ready = std::move(ready), next = std::move(next), polls, poll] {
        if (ready() && m_window.session().isIdle()) {
            QTimer::singleShot(500, this, next); // let the views repaint
            *poll = nullptr;                    // breaks the closure's reference to itself
            return;
        }
        if (++*polls > 900) {
            std::fprintf(stderr, "screenshots: %s did not finish within 3 minutes\n", qPrintable(step));
            ++m_failures;
            *poll = nullptr;
            finish();
            return;
        }
        QTimer::singleShot(200, this, [poll] {
            if (*poll)
                (*poll)();
        });
    };
    (*poll)();
}

void ScreenshotTaker::grabDemo()
{
    grabPanels({QStringLiteral("window")}); // the first window: GradCAM of the original, W(x)x of the fine-tuned
    widgets::Document &document = m_window.session().document();
    document.bcosifyModel(2.0);
    waitThen(QStringLiteral("B-cosifying the demo model"), [&document] { return document.bcosModel() != nullptr; },
             [this] { grabBcosified(); });
}

void ScreenshotTaker::grabBcosified()
{
    grabPanels({QStringLiteral("grid"), QStringLiteral("browser"), QStringLiteral("log"), QStringLiteral("training"),
                QStringLiteral("runs"), QStringLiteral("pointing")});
    // The export of the demo grid, to look at next to the panels.
    widgets::ExportOptions options;
    options.title = QStringLiteral("B-cos Studio demo");
    options.dpi = 150;
    options.minCellSide = 112; // the demo's 28 px cells, enlarged 4x
    for (const char *suffix : {"png", "svg", "pdf"}) {
        const QString path = QDir(m_dir).filePath(QStringLiteral("grid-export.") + QLatin1String(suffix));
        saved(path, m_window.exportGridTo(path, options, false, true));
    }
    // The same grid as a paper figure: double column, colour bars, class and confidence per row.
    widgets::ExportOptions paper;
    paper.width = widgets::FigureWidth::DoubleColumn;
    paper.colourBars = true;
    paper.rowPredictions = true;
    const QString paperPath = QDir(m_dir).filePath(QStringLiteral("grid-export-paper.png"));
    saved(paperPath, m_window.exportGridTo(paperPath, paper, false, true));

    // The demo CLIP with a typed prompt.
    m_window.openDemoClip();
    widgets::Document &document = m_window.session().document();
    const widgets::ExplanationGridModel &grid = m_window.session().gridModel();
    waitThen(QStringLiteral("loading the demo CLIP"),
             [&document] { return document.hasClipModel() && !mosaicRows(document).isEmpty(); },
             [this, &document, &grid] {
                 auto *prompts = m_window.findChild<widgets::ClipPromptPanel *>();
                 prompts->promptEdit()->setText(kPrompt);
                 prompts->addButton()->click();
                 waitThen(QStringLiteral("the prompt map"), [&document, &grid] {
                     const QVector<int> columns = clipColumns(grid);
                     const QVector<int> rows = mosaicRows(document);
                     return !columns.isEmpty() && !rows.isEmpty() && !grid.cellImage(rows.last(), columns.last()).isNull();
                 }, [this] { grabClip(); });
             });
}

void ScreenshotTaker::grabClip()
{
    auto *view = m_window.findChild<widgets::ExplanationGridView *>();
    view->scrollToBottom(); // the mosaics are the last rows, the prompt the last column
    view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->maximum());
    QApplication::processEvents();
    const QString window = QDir(m_dir).filePath(QStringLiteral("clip-window.png"));
    saved(window, m_window.grab().save(window, "PNG"));
    grabPanels({QStringLiteral("prompts")});

    // The mosaics and their prompt map as a figure panel, at both ends of the cosine-power slider.
    widgets::StudioSession &session = m_window.session();
    widgets::GridSelection selection;
    selection.rows = mosaicRows(session.document());
    selection.columns = {0};
    selection.columns << clipColumns(session.gridModel());
    auto exportAt = [this, selection, &session](const QString &suffix) {
        widgets::ExportOptions options;
        options.dpi = 150;
        options.minCellSide = 168;
        options.colourBars = true;
        const QString path = QDir(m_dir).filePath(QStringLiteral("clip-export-power-%1.png").arg(suffix));
        saved(path, session.exportGrid(path, options, selection, false).isEmpty());
    };
    QSlider *power = m_window.findChild<widgets::ClipPromptPanel *>()->powerSlider();
    power->setValue(power->minimum());
    waitThen(QStringLiteral("the lowest cosine power"), [] { return true; }, [this, exportAt, power] {
        exportAt(QStringLiteral("low"));
        power->setValue(power->maximum());
        waitThen(QStringLiteral("the highest cosine power"), [] { return true; }, [this, exportAt] {
            exportAt(QStringLiteral("high"));
            finish();
        });
    });
}

void ScreenshotTaker::grabPanels(const QStringList &names)
{
    for (const auto &[name, widget] : m_window.panels()) {
        if (!names.contains(name))
            continue;
        if (auto *dock = qobject_cast<QDockWidget *>(widget)) { // tabified docks: bring each to the front
            dock->raise();
            QApplication::processEvents();
        }
        const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
        saved(path, widget->grab().save(path, "PNG"));
    }
}

void ScreenshotTaker::saved(const QString &path, bool ok)
{
    std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    m_failures += ok ? 0 : 1;
}

void ScreenshotTaker::finish()
{
    QApplication::exit(m_failures == 0 ? 0 : 1);
}

} // namespace bcos::studio
