#include "trainingchartadapter.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

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

void TrainingChartAdapter::addStep(const StepMetrics &metrics)
{
    // x = fractional epoch, so steps and epochs share one axis.
    const double x = double(metrics.step) / std::max(1, metrics.stepsPerEpoch);
    m_trainLoss->append(x, metrics.loss);
    m_trainAccuracy->append(x, metrics.accuracy);
    if (metrics.loss > m_maxLoss) {
        m_maxLoss = metrics.loss * 1.1;
        m_axisLoss->setRange(0, m_maxLoss);
    }
    extendX(x);
}

void TrainingChartAdapter::addEpoch(const EpochMetrics &metrics)
{
    const double x = metrics.epoch + 1.0;
    m_valAccuracy->append(x, metrics.valAccuracy);
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
}

} // namespace bcos::widgets
