#pragma once

#include "widgets/training/trainingcontroller.h" // core::StepMetrics/EpochMetrics as meta types

#include <QObject>
#include <QStringList>
#include <QVector>

class QChart;
class QLineSeries;
class QValueAxis;

namespace bcos::core {
struct RunHistory;
}

namespace bcos::widgets {

/// The dashed curves of a finished run shown for comparison (series owned by the chart).
struct ComparedRun {
    QString name;
    QLineSeries *trainLoss = nullptr;     ///< per epoch, left axis
    QLineSeries *trainAccuracy = nullptr; ///< per epoch, right axis
    QLineSeries *valAccuracy = nullptr;   ///< per epoch, right axis
};

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
    /// Names of the compared runs, in the order they were added.
    QStringList comparedRuns() const;
    /// The compared run called `name`; all series null when there is none.
    ComparedRun comparedRun(const QString &name) const;

public Q_SLOTS:
    void addStep(const bcos::core::StepMetrics &metrics);
    void addEpoch(const bcos::core::EpochMetrics &metrics);
    /// The accuracy to compare against (e.g. the original model's top-1); < 0 hides the line.
    void setReferenceAccuracy(double accuracy);
    /// Removes the live curves; compared runs stay.
    void clear();
    /// Overlays a finished run (train loss, train and validation accuracy at x = epoch + 1, dashed, named
    /// "<run>: ..." in the legend); values the run did not log (NaN) are left out. Replaces a run of the same name.
    void addComparedRun(const bcos::core::RunHistory &run);
    /// Removes a compared run's curves; false when there is none called `name`.
    bool removeComparedRun(const QString &name);

private:
    void extendX(double x);
    void updateReference();
    void fitComparedRuns();

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
    QVector<ComparedRun> m_compared;
};

} // namespace bcos::widgets
