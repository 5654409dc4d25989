#pragma once

#include "widgets/training/trainingcontroller.h"

#include <QWidget>

class QCheckBox;
class QHBoxLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace bcos::widgets {

class TrainingChartAdapter;

/// The device box's entry for data-parallel training on every GPU of this machine (the window adds it when
/// there are two or more): settings() turns it into device "cuda" with one local rank per GPU.
inline constexpr const char *kAllGpusDevice = "cuda:all";

/// The training dock: the settings form (paper defaults), dataset chooser, Start/Pause/Resume/Cancel,
/// the live chart, progress, images/s, the core's ETA and each epoch's validation metrics. Logic lives in
/// TrainingController; this only shows it.
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    /// `devices`: entries for the device box ("cpu", "cuda:0"...), with a readable label each.
    TrainingPanel(TrainingController &controller, const QList<QPair<QString, QString>> &devices,
                  QWidget *parent = nullptr);

    TrainingSettings settings() const;
    TrainingChartAdapter *chartAdapter() const { return m_chart; }
    /// Selects the dataset (kind and folder) and a training subset, as the user would in the form.
    void setDataset(core::DatasetKind kind, const QString &path, int maxSamples = 0);
    void setEpochs(int epochs);
    /// Fills the form (a reopened run's settings, the remembered form, the demo's recipe).
    void setSettings(const bcos::widgets::TrainingSettings &settings);
    /// The probe strip's images of the latest epoch (W(x)x of the pinned images).
    QVector<QImage> probeImages() const { return m_probeImages; }
    /// Overlays the finished run in `directory` (its metrics.csv, core::readRunLog) on the chart as dashed
    /// curves. A run that cannot be read adds nothing; its error is shown under the chart. Returns success.
    bool compareWithRun(const QString &directory);
    /// Takes a compared run off the chart.
    void removeComparedRun(const QString &name);
    /// The line under the chart: what was compared, or why a run could not be read.
    QString comparisonMessage() const;

private:
    QWidget *createForm(const QList<QPair<QString, QString>> &devices);
    void createFields(QWidget *form, const QList<QPair<QString, QString>> &devices);
    QWidget *createDatasetRow();
    QWidget *createButtons();
    QToolButton *createScriptButton(QWidget *parent);
    /// Asks where, then writes the form's cluster launch script there (executable).
    void writeClusterScript(core::ClusterLauncher launcher);
    /// The GPUs the device box lists ("cuda:<k>" entries).
    int gpuCount() const;
    QWidget *createChart();
    void chooseDataset();
    void onStep(const core::StepMetrics &metrics);
    void onEpoch(const core::EpochMetrics &metrics);
    void onStateChanged();
    void onProbes(int epoch, const QVector<QImage> &images);
    QWidget *createProbeStrip();
    QWidget *createComparisonRow();
    void chooseComparedRun();
    void updateComparisonMenu();
    void fillComparisonMenu();

    TrainingController &m_controller;
    TrainingChartAdapter *m_chart = nullptr;
    QDoubleSpinBox *m_b = nullptr;
    QLineEdit *m_learningRate = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_batch = nullptr;
    QCheckBox *m_agc = nullptr;
    QComboBox *m_precision = nullptr;
    QCheckBox *m_cudaGraphs = nullptr;
    QComboBox *m_device = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_maxSamples = nullptr;
    QComboBox *m_datasetKind = nullptr;
    QLineEdit *m_datasetPath = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_speed = nullptr;
    QLabel *m_eta = nullptr;
    QLabel *m_memory = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_probeTitle = nullptr;
    QHBoxLayout *m_probeStrip = nullptr;
    QVector<QImage> m_probeImages;
    QToolButton *m_removeComparison = nullptr;
    QLabel *m_comparisonMessage = nullptr;
    QString m_lastRunDirectory;
};

} // namespace bcos::widgets
