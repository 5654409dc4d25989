#include "browseexercise.h"

#include "widgets/browser/browserfilterbar.h"
#include "widgets/browser/imagebrowser.h"
#include "widgets/browser/imagelistmodel.h"
#include "widgets/grid/explanationgridview.h"
#include "widgets/jobs/predictionjobs.h"
#include "widgets/session/document.h"
#include "widgets/session/studiosession.h"
#include "widgets/shell/mainwindow.h"
#include "widgets/shell/stallprobe.h"

#include <QComboBox>
#include <QScrollBar>

#include <cstdio>

namespace bcos::studio {

BrowseExercise::BrowseExercise(widgets::MainWindow &window, widgets::StallProbe &probe, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_probe(probe)
{
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &BrowseExercise::step);
}

void BrowseExercise::start()
{
    m_timer.start();
}

void BrowseExercise::step()
{
    widgets::Document &document = m_window.session().document();
    if (!m_predicted && m_phase >= 1 && document.model()) { // once every image is listed
        // All predictions in: read from the browser model's per-row array (no cache lookups on the GUI thread,
        // which would add to the stalls this benchmark measures).
        const auto *list = m_window.findChild<widgets::ImageListModel *>();
        bool all = list != nullptr;
        for (int row = 0; all && row < document.imageCount(); ++row)
            all = list->predictedAt(row) >= 0;
        if (all) {
            m_predicted = true;
            m_probe.mark(QStringLiteral("all_predicted_s"));
            // Where the prediction jobs' time went: reading inputs (decoding what the cache lost) and forward passes.
            const widgets::PredictionJobs::Timing &timing = m_window.session().predictions().timing();
            m_probe.record(QStringLiteral("predicted_images"), double(timing.images));
            m_probe.record(QStringLiteral("prediction_read_s"), timing.readSeconds);
            m_probe.record(QStringLiteral("prediction_forward_s"), timing.forwardSeconds);
            std::printf("all %d images predicted (jobs: %.1f s reading inputs, %.1f s forward)\n", document.imageCount(),
                        timing.readSeconds, timing.forwardSeconds);
        }
    }
    auto *browser = m_window.findChild<widgets::ImageBrowser *>();
    auto *grid = m_window.findChild<widgets::ExplanationGridView *>();
    const auto scroll = [](QScrollBar *bar) { // a page down; true at the end
        bar->setValue(bar->value() + bar->pageStep());
        return bar->value() >= bar->maximum();
    };
    switch (m_phase) {
    case 0: // wait until the image count is stable (listing and decoding done)
        m_stableTicks = document.imageCount() == m_lastCount && m_lastCount > 0 ? m_stableTicks + 1 : 0;
        m_lastCount = document.imageCount();
        if (m_stableTicks >= 20) {
            m_probe.mark(QStringLiteral("listed_s"));
            m_phase = 1;
        }
        break;
    case 1:
        if (scroll(browser->verticalScrollBar())) {
            m_probe.mark(QStringLiteral("browser_scrolled_s"));
            auto *sort = m_window.findChild<widgets::BrowserFilterBar *>()->sortBox();
            sort->setCurrentIndex(2); // confidence, high first
            m_probe.mark(QStringLiteral("sorted_s"));
            m_phase = 2;
        }
        break;
    case 2:
        if (scroll(grid->verticalScrollBar())) {
            m_probe.mark(QStringLiteral("grid_scrolled_s"));
            m_phase = 3;
        }
        break;
    default: break;
    }
}

} // namespace bcos::studio
