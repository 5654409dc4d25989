#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace bcos::widgets {

/// Measures how long the GUI thread is kept from its event loop: a precise timer asks to run every
/// intervalMs(); each time it runs it records its own lateness (the time since the previous run minus the
/// interval). A stall of the GUI thread shows up as one late tick of that length. `bcos-studio --measure-stalls
/// FILE` writes the distribution when the studio quits (writeReport()).
class StallProbe : public QObject {
    Q_OBJECT
public:
    explicit StallProbe(QObject *parent = nullptr);

    void start();
    static constexpr int intervalMs() { return 10; }
    /// Lateness of every tick so far, in milliseconds.
    const std::vector<double> &latenessMs() const { return m_lateness; }
    /// The q-quantile (0..1, nearest rank) of the lateness; 0 without ticks.
    double quantileMs(double q) const;
    double maxMs() const;
    /// Writes JSON {"interval_ms", "ticks", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "over_50_ms",
    /// "over_200_ms", "seconds", "marks", "values"} to `path`; returns an error message naming the file, empty on
    /// success.
    QString writeReport(const QString &path) const;
    /// Records when something happened (seconds since start()), written with the report under "marks".
    void mark(const QString &name);
    /// Records a measured value (e.g. seconds spent decoding), written with the report under "values".
    void record(const QString &name, double value);

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
    QJsonObject m_marks;
    QJsonObject m_values;
};

} // namespace bcos::widgets
