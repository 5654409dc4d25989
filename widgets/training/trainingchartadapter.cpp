#include "trainingchartadapter.h"

#include "core/train/runlog.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace bcos::widgets {
namespace {

QLineSeries *makeSeries(QChart *chart, const QString &name, QValueAxis *x, QValueAxis *y)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    return series;
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
    m_axisX->setRange(0, m_maxX);
    m_axisLoss->setTitleText(tr("Loss"));
    m_axisLoss->setRange(0, m_maxLoss);
    m_axisAccuracy->setTitleText(tr("Accuracy"));
    m_axisAccuracy->setRange(0, 1);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisLoss, Qt::AlignLeft);
    chart->addAxis(m_axisAccuracy, Qt::AlignRight);
    m_trainLoss = makeSeries(chart, tr("Train loss"), m_axisX, m_axisLoss);
    m_trainAccuracy = makeSeries(chart, tr("Train accuracy"), m_axisX, m_axisAccuracy);
    m_valAccuracy = makeSeries(chart, tr("Validation accuracy"), m_axisX, m_axisAccuracy);
    m_reference = makeSeries(chart, tr("Reference accuracy"), m_axisX, m_axisAccuracy);
    QPen dashed(Qt::gray, 1.5, Qt::DashLine);
    m_reference->setPen(dashed);
    m_reference->setVisible(false);
}

void TrainingChartAdapter::extendX(double x)
{
    if (x <= m_maxX)
        return;
    m_maxX = std::max(x, m_maxX * 1.5); // grow in steps, not on every point
    m_axisX->setRange(0, m_maxX);
    updateReference();
}

void TrainingChartAdapter::addStep(const core::StepMetrics &metrics)
{
    // x = fractional epoch, so steps and epochs share one axis.
    const double x = double(metrics.globalStep) / double(std::max<int64_t>(1, metrics.stepsPerEpoch));
    m_trainLoss->append(x, metrics.loss);
    m_trainAccuracy->append(x, metrics.top1);
    if (metrics.loss > m_maxLoss) {
        m_maxLoss = metrics.loss * 1.1;
        m_axisLoss->setRange(0, m_maxLoss);
    }
    extendX(x);
}

void TrainingChartAdapter::addEpoch(const core::EpochMetrics &metrics)
{
    const double x = double(metrics.epoch) + 1.0;
    m_valAccuracy->append(x, metrics.valTop1);
    extendX(x);
}

void TrainingChartAdapter::setReferenceAccuracy(double accuracy)
{
    m_referenceValue = accuracy;
    updateReference();
}

void TrainingChartAdapter::updateReference()
{
    m_reference->clear();
    m_reference->setVisible(m_referenceValue >= 0);
    if (m_referenceValue >= 0)
        m_reference->replace({QPointF(0, m_referenceValue), QPointF(m_maxX, m_referenceValue)});
}

void TrainingChartAdapter::clear()
{
    m_trainLoss->clear();
    m_trainAccuracy->clear();
    m_valAccuracy->clear();
    m_maxX = 1.0;
    m_maxLoss = 1.0;
    m_axisX->setRange(0, m_maxX);
    m_axisLoss->setRange(0, m_maxLoss);
    updateReference();
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
    for (const ComparedRun &run : m_compared) {
        for (const QPointF &point : run.trainLoss->points()) {
            if (point.y() > m_maxLoss) {
                m_maxLoss = point.y() * 1.1;
                m_axisLoss->setRange(0, m_maxLoss);
            }
            extendX(point.x());
        }
        for (QLineSeries *series : {run.trainAccuracy, run.valAccuracy})
            for (const QPointF &point : series->points())
                extendX(point.x());
    }
}

} // namespace bcos::widgets
