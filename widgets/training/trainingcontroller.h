#pragma once

#include "widgets/training/trainingsettings.h"
#include "core/workflows/launchscript.h"

#include "core/train/trainobserver.h"

#include <QMetaType>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace bcos::core {
struct TrainHooks;
}

namespace bcos::widgets {

/// The seam the core trainer plugs into (set in main(), trainWithCore): runs a whole training on the calling
/// worker thread with the core's hooks (metrics to hooks.observer, pause and cancel from hooks.control, the probe
/// images through hooks.probe) and throws core::Error on failure.
using TrainFunction = std::function<void(const TrainingSettings &, const core::TrainHooks &)>;

/// Runs a TrainFunction on its own thread. It is the core::TrainObserver of the run (the core's StepMetrics and
/// EpochMetrics arrive unchanged as queued signals for the panel and chart) and owns its core::TrainControl:
/// pause() and cancel() set the control's flags, so the core's trainer waits between steps and keeps its
/// paused time out of the ETA. Without a TrainFunction, start() fails with a clear message.
class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused };

    explicit TrainingController(QObject *parent = nullptr);
    ~TrainingController() override;

    void setTrainFunction(TrainFunction function) { m_function = std::move(function); }
    /// Completes the form's settings when a run starts (loaded model, probe images, run directory).
    void setContextProvider(std::function<void(TrainingSettings &)> provider) { m_context = std::move(provider); }
    /// The loaded standard model a launch script trains from (the document's; no side effects).
    void setModelProvider(std::function<std::shared_ptr<LoadedModel>()> provider) { m_model = std::move(provider); }
    bool hasTrainer() const { return static_cast<bool>(m_function); }
    /// A bash script that runs the form's training on a cluster (torchrun on every node, or a SLURM sbatch
    /// file) with `processesPerNode` ranks per node: core::clusterLaunchScript of trainCommandArguments(),
    /// --out runs/<yyyyMMdd-HHmmss> beside the script. Throws core::Error when the run cannot be expressed
    /// (no model file loaded, --mode scratch).
    QString clusterScript(TrainingSettings form, core::ClusterLauncher launcher, int processesPerNode) const;
    State state() const { return m_state; }

public Q_SLOTS:
    void start(const bcos::widgets::TrainingSettings &settings);
    void pause();
    void resume();
    void cancel();

Q_SIGNALS:
    void started();
    void stepMetrics(const bcos::core::StepMetrics &metrics);
    void epochMetrics(const bcos::core::EpochMetrics &metrics);
    void probeImages(int epoch, const QVector<QImage> &images);
    void message(const QString &text);
    /// The run wrote its model file: `final` at the end, else when a pause began (the model so far).
    void modelWritten(const QString &path, bool final);
    void paused();
    void resumed();
    void finished(bool cancelled);
    void failed(const QString &message);
    void stateChanged(bcos::widgets::TrainingController::State state);

private:
    class Run;
    void setState(State state);
    void onRunEnded(const QString &error, bool wasCancelled);

    TrainFunction m_function;
    std::function<void(TrainingSettings &)> m_context;
    std::function<std::shared_ptr<LoadedModel>()> m_model;
    State m_state = State::Idle;
    QThreadPool m_pool;
    std::shared_ptr<Run> m_run;
};

} // namespace bcos::widgets

Q_DECLARE_METATYPE(bcos::core::StepMetrics)
Q_DECLARE_METATYPE(bcos::core::EpochMetrics)
