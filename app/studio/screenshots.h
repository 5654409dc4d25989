#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace bcos::widgets {
class MainWindow;
}

namespace bcos::studio {

/// `--screenshot DIR`: walks the researcher's flow on the demo and grabs the panels along the way (QWidget::grab,
/// no capture tool), then quits the application (exit code 1 when a file could not be written):
/// 1. the demo as it opens (original's GradCAM next to the fine-tuned B-cos model's W(x)x): window.png;
/// 2. after Model > B-cosify (before/after fine-tuning side by side): grid, browser, log, training, runs,
///    pointing .png and the grid exports grid-export.{png,svg,pdf}, grid-export-paper.png;
/// 3. the demo CLIP with the prompt "a photo of a sneaker": clip-window.png, prompts.png, and the mosaics'
///    prompt maps at the lowest and highest cosine power as figure panels clip-export-power-{low,high}.png.
class ScreenshotTaker : public QObject {
    Q_OBJECT
public:
    ScreenshotTaker(widgets::MainWindow &window, QString dir, QObject *parent = nullptr);
    void start();

private:
    /// Runs `next` once `ready` holds and the session is idle (polled every 200 ms, at most ~3 min per step);
    /// quits with a message naming `step` when it never does.
    void waitThen(const QString &step, std::function<bool()> ready, std::function<void()> next);
    void grabDemo();
    void grabBcosified();
    void grabClip();
    void grabPanels(const QStringList &names);
    void saved(const QString &path, bool ok);
    void finish();

    widgets::MainWindow &m_window;
    QString m_dir;
    int m_failures = 0;
};

} // namespace bcos::studio
