#pragma once

#include "widgets/trainingtypes.h"

#include <QObject>

class QChart;
class QLineSeries;
class QValueAxis;

namespace bcos::widgets {

/// Feeds training metrics into a QChart: train loss (left axis), train and validation accuracy and a
/// reference accuracy line (right axis, [0, 1]); x is the fractional epoch. Owns its series via the chart.
class TrainingChartAdapter : public QObject {
    Q_OBJECT
public:
    explicit TrainingChartAdapter(QChart *chart, QObject *parent = nullptr);

    QLineSeries *trainLoss() const { return m_trainLoss; }
    QLineSeries *trainAccuracy() const { return m_trainAccuracy; }
    QLineSeries *valAccuracy() const { return m_valAccuracy; }
    QLineSeries *reference() const { return m_reference; }
    double referenceAccuracy() const { return m_referenceValue; }

public Q_SLOTS:
    void addStep(const bcos::widgets::StepMetrics &metrics);
    void addEpoch(const bcos::widgets::EpochMetrics &metrics);
    /// The accuracy to compare against (e.g. the original model's top-1); < 0 hides the line.
    void setReferenceAccuracy(double accuracy);
    void clear();

private:
    void extendX(double x);
    void updateReference();

    QChart *m_chart;
    QLineSeries *m_trainLoss;
    QLineSeries *m_trainAccuracy;
    QLineSeries *m_valAccuracy;
    QLineSeries *m_reference;
    QValueAxis *m_axisX;
    QValueAxis *m_axisLoss;
    QValueAxis *m_axisAccuracy;
    double m_referenceValue = -1.0;
    double m_maxX = 1.0;
    double m_maxLoss = 1.0;
};

} // namespace bcos::widgets
