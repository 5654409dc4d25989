#pragma once

#include <QObject>
#include <QTimer>

namespace bcos::widgets {
class MainWindow;
class StallProbe;
}

namespace bcos::studio {

/// `--exercise-browser` (the dataset-scale benchmark, tests/bench/studio-scale.sh): once images are in, scrolls the
/// browser page by page to the end, sorts by confidence (high first), scrolls the grid to the end, and marks in
/// the stall probe when all images were listed, all predictions were in and the scrolling ended.
class BrowseExercise : public QObject {
    Q_OBJECT
public:
    BrowseExercise(widgets::MainWindow &window, widgets::StallProbe &probe, QObject *parent = nullptr);
    void start();

private:
    void step();

    widgets::MainWindow &m_window;
    widgets::StallProbe &m_probe;
    QTimer m_timer;
    int m_phase = 0;
    int m_lastCount = -1;
    int m_stableTicks = 0;
    bool m_predicted = false;
};

} // namespace bcos::studio
