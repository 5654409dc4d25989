#include "trainingchartadapter.h"

#include "core/train/runlog.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <utility>

namespace bcos::widgets {
namespace {

QLineSeries *makeSeries(QChart *chart, const QString &name, QValueAxis *x, QValueAxis *y)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    series->setMarkerSize(7.0);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    return series;
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
double niceStep(double raw)
{
    const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-12))));
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (factor * power >= raw)
            return factor * power;
    return 10.0 * power;
}

/// [low, high] widened by 10 % of the span on each side (or by 10 % of the value for a single value) and
/// rounded outwards to a nice tick step, clamped to [floor, ceiling].
std::pair<double, double> paddedRange(double low, double high, double floor, double ceiling)
{
    const double span = high - low;
    const double pad = span > 0 ? 0.1 * span : std::max(0.05, 0.1 * std::abs(high));
    const double step = niceStep((span + 2 * pad) / 5.0);
    const double lo = std::max(floor, std::floor((low - pad) / step) * step);
    const double hi = std::min(ceiling, std::ceil((high + pad) / step) * step);
    return {lo, hi > lo ? hi : lo + step};
}

} // namespace

TrainingChartAdapter::TrainingChartAdapter(QChart *chart, QObject *parent)
    : QObject(parent)
    , m_chart(chart)
    , m_axisX(new QValueAxis(chart))
    , m_axisLoss(new QValueAxis(chart))
    , m_axisAccuracy(new QValueAxis(chart))
{
    m_axisX->setTitleText(tr("Epoch"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisLoss->setTitleText(tr("Loss"));
    m_axisAccuracy->setTitleText(tr("Accuracy"));
    m_axisAccuracy->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisLoss, Qt::AlignLeft);
    chart->addAxis(m_axisAccuracy, Qt::AlignRight);
    m_trainLoss = makeSeries(chart, tr("Train loss"), m_axisX, m_axisLoss);
    m_trainAccuracy = makeSeries(chart, tr("Train accuracy"), m_axisX, m_axisAccuracy);
    m_valAccuracy = makeSeries(chart, tr("Validation accuracy"), m_axisX, m_axisAccuracy);
    m_valAccuracy->setPointsVisible(true); // one point per epoch: a one-epoch run is one marker
    m_reference = makeSeries(chart, tr("Reference accuracy"), m_axisX, m_axisAccuracy);
    QPen dashed(Qt::gray, 1.5, Qt::DashLine);
    m_reference->setPen(dashed);
    m_reference->setVisible(false);
    fitAxes();
}

void TrainingChartAdapter::Extent::include(double value)
{
    if (!std::isfinite(value))
        return;
    if (isEmpty()) {
        low = high = value;
        return;
    }
    low = std::min(low, value);
    high = std::max(high, value);
}

void TrainingChartAdapter::include(double x, double y, QValueAxis *axis)
{
    m_x.include(x);
    (axis == m_axisLoss ? m_loss : m_accuracy).include(y);
}

void TrainingChartAdapter::fitAxes()
{
    // x: whole epochs from 0, at most ~10 integer ticks.
    const double maxX = std::max(1.0, std::ceil(m_x.isEmpty() ? 1.0 : m_x.high - 1e-9));
    m_axisX->setRange(0, maxX);
    m_axisX->setTickInterval(std::max(1.0, niceStep(maxX / 10.0)));
    const auto [lossLow, lossHigh] = m_loss.isEmpty() ? std::pair(0.0, 1.0) : paddedRange(m_loss.low, m_loss.high, 0.0, 1e30);
    m_axisLoss->setRange(lossLow, lossHigh);
    Extent accuracy = m_accuracy;
    if (m_referenceValue >= 0)
        accuracy.include(m_referenceValue);
    const auto [accLow, accHigh] = accuracy.isEmpty() ? std::pair(0.0, 1.0) : paddedRange(accuracy.low, accuracy.high, 0.0, 1.0);
    m_axisAccuracy->setRange(accLow, accHigh);
    updateReference();
}

void TrainingChartAdapter::addStep(const core::StepMetrics &metrics)
{
    // x = fractional epoch, so steps and epochs share one axis.
    const double x = double(metrics.globalStep) / double(std::max<int64_t>(1, metrics.stepsPerEpoch));
    m_trainLoss->append(x, metrics.loss);
    if (std::isfinite(metrics.top1)) // NaN: no labels to compare with (distillation)
        m_trainAccuracy->append(x, metrics.top1);
    const bool markers = m_trainLoss->count() <= maxStepMarkers; // few steps: each is visible
    m_trainLoss->setPointsVisible(markers);
    m_trainAccuracy->setPointsVisible(markers);
    include(x, metrics.loss, m_axisLoss);
    include(x, metrics.top1, m_axisAccuracy);
    fitAxes();
}

void TrainingChartAdapter::addEpoch(const core::EpochMetrics &metrics)
{
    const double x = double(metrics.epoch) + 1.0;
    if (std::isfinite(metrics.valTop1))
        m_valAccuracy->append(x, metrics.valTop1);
    include(x, metrics.valTop1, m_axisAccuracy);
    fitAxes();
}

void TrainingChartAdapter::setReferenceAccuracy(double accuracy)
{
    m_referenceValue = accuracy;
    fitAxes();
}

void TrainingChartAdapter::updateReference()
{
    QList<QPointF> line;
    if (m_referenceValue >= 0)
        line = {QPointF(0, m_referenceValue), QPointF(m_axisX->max(), m_referenceValue)};
    m_reference->setVisible(!line.isEmpty());
    if (m_reference->points() != line) // fitAxes() runs per step; the line changes only with the x range
        m_reference->replace(line);
}

void TrainingChartAdapter::clear()
{
    m_trainLoss->clear();
    m_trainAccuracy->clear();
    m_valAccuracy->clear();
    fitComparedRuns();
}

void TrainingChartAdapter::addComparedRun(const core::RunHistory &run)
{
    const QString name = QString::fromStdString(run.name);
    removeComparedRun(name);
    // The live curve's colour, dashed; further runs get other dash patterns.
    static constexpr Qt::PenStyle kStyles[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
    const Qt::PenStyle style = kStyles[m_compared.size() % std::size(kStyles)];
    const auto overlay = [&](QLineSeries *live, const QString &title, QValueAxis *axis,
                             double core::EpochMetrics::*field) {
        QLineSeries *series = makeSeries(m_chart, title, m_axisX, axis);
        QPen pen = live->pen();
        pen.setStyle(style);
        series->setPen(pen);
        series->setPointsVisible(true); // per-epoch values; a one-epoch run is a single point
        for (const core::EpochMetrics &epoch : run.epochs)
            if (std::isfinite(epoch.*field)) // NaN: not logged (no validation set, CLIP distillation)
                series->append(double(epoch.epoch) + 1.0, epoch.*field);
        return series;
    };
    m_compared.append({name, overlay(m_trainLoss, tr("%1: train loss").arg(name), m_axisLoss, &core::EpochMetrics::trainLoss),
                       overlay(m_trainAccuracy, tr("%1: train accuracy").arg(name), m_axisAccuracy,
                               &core::EpochMetrics::trainTop1),
                       overlay(m_valAccuracy, tr("%1: validation accuracy").arg(name), m_axisAccuracy,
                               &core::EpochMetrics::valTop1)});
    fitComparedRuns();
}

bool TrainingChartAdapter::removeComparedRun(const QString &name)
{
    for (int i = 0; i < m_compared.size(); ++i) {
        if (m_compared[i].name != name)
            continue;
        for (QLineSeries *series : {m_compared[i].trainLoss, m_compared[i].trainAccuracy, m_compared[i].valAccuracy}) {
            m_chart->removeSeries(series);
            delete series;
        }
        m_compared.removeAt(i);
        fitComparedRuns();
        return true;
    }
    return false;
}

QStringList TrainingChartAdapter::comparedRuns() const
{
    QStringList names;
    for (const ComparedRun &run : m_compared)
        names << run.name;
    return names;
}

ComparedRun TrainingChartAdapter::comparedRun(const QString &name) const
{
    for (const ComparedRun &run : m_compared)
        if (run.name == name)
            return run;
    return {};
}

void TrainingChartAdapter::fitComparedRuns()
{
    // Recomputed from every point: after clear() and when runs come and go (not per step).
    m_x = m_loss = m_accuracy = Extent{};
    for (const QPointF &point : m_trainLoss->points())
        include(point.x(), point.y(), m_axisLoss);
    for (QLineSeries *series : {m_trainAccuracy, m_valAccuracy})
        for (const QPointF &point : series->points())
            include(point.x(), point.y(), m_axisAccuracy);
    for (const ComparedRun &run : m_compared) {
        for (const QPointF &point : run.trainLoss->points())
            include(point.x(), point.y(), m_axisLoss);
        for (QLineSeries *series : {run.trainAccuracy, run.valAccuracy})
            for (const QPointF &point : series->points())
                include(point.x(), point.y(), m_axisAccuracy);
    }
    fitAxes();
}

} // namespace bcos::widgets
