#include "stallprobe.h"

#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace bcos::widgets {

StallProbe::StallProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs());
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::tick);
}

void StallProbe::start()
{
    m_lateness.clear();
    m_clock.start();
    m_last = m_clock.nsecsElapsed();
    m_timer.start();
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_lateness.push_back(std::max(0.0, double(now - m_last) / 1e6 - intervalMs()));
    m_last = now;
}

void StallProbe::mark(const QString &name)
{
    m_marks.insert(name, double(m_clock.nsecsElapsed()) / 1e9);
}

void StallProbe::record(const QString &name, double value)
{
    m_values.insert(name, value);
}

double StallProbe::quantileMs(double q) const
{
    if (m_lateness.empty())
        return 0.0;
    std::vector<double> sorted = m_lateness;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<size_t>(std::ceil(std::clamp(q, 0.0, 1.0) * double(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank > 0 ? rank - 1 : 0)];
}

double StallProbe::maxMs() const
{
    return m_lateness.empty() ? 0.0 : *std::max_element(m_lateness.begin(), m_lateness.end());
}

QString StallProbe::writeReport(const QString &path) const
{
    const auto over = [this](double ms) {
        return static_cast<qint64>(std::count_if(m_lateness.begin(), m_lateness.end(), [ms](double l) { return l > ms; }));
    };
    const QJsonObject report{{QStringLiteral("interval_ms"), intervalMs()},
                             {QStringLiteral("ticks"), static_cast<qint64>(m_lateness.size())},
                             {QStringLiteral("p50_ms"), quantileMs(0.5)},
                             {QStringLiteral("p90_ms"), quantileMs(0.9)},
                             {QStringLiteral("p99_ms"), quantileMs(0.99)},
                             {QStringLiteral("p999_ms"), quantileMs(0.999)},
                             {QStringLiteral("max_ms"), maxMs()},
                             {QStringLiteral("over_50_ms"), over(50)},
                             {QStringLiteral("over_200_ms"), over(200)},
                             {QStringLiteral("seconds"), double(m_clock.nsecsElapsed()) / 1e9},
                             {QStringLiteral("marks"), m_marks},
                             {QStringLiteral("values"), m_values}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(report).toJson()) < 0 || !file.commit())
        return tr("%1: cannot write the stall report (%2)").arg(path, file.errorString());
    return {};
}

} // namespace bcos::widgets
