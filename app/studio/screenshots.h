#pragma once

#include <QObject>
#include <QString>

namespace bcos::widgets {
class MainWindow;
}

namespace bcos::studio {

/// `--screenshot DIR`: loads the demo images, waits until they are shown, grabs each panel of the window
/// with QWidget::grab into DIR/<panel>.png and quits the application (exit code 1 on failure).
class ScreenshotTaker : public QObject {
    Q_OBJECT
public:
    ScreenshotTaker(widgets::MainWindow &window, QString dir, QObject *parent = nullptr);
    void start();

private:
    void poll();
    void grabAll();

    widgets::MainWindow &m_window;
    QString m_dir;
    int m_polls = 0;
    bool m_bcosified = false;
};

} // namespace bcos::studio
