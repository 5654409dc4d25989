#pragma once

#include "widgets/training/trainingtypes.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace bcos::widgets {

/// What a trainer sees while it runs (worker thread): report metrics, honour pause and cancel.
/// The core's TrainObserver adapts onto this at merge.
class TrainingHooks {
public:
    virtual ~TrainingHooks() = default;
    virtual void step(const StepMetrics &metrics) = 0;
    virtual void epoch(const EpochMetrics &metrics) = 0;
    /// True once the user cancelled; the trainer returns soon after.
    virtual bool cancelled() const = 0;
    /// Blocks while the user has paused (returns at once when not paused or when cancelled).
    virtual void waitWhilePaused() = 0;
    /// After an epoch: the rendered W(x)x of the pinned probe images.
    virtual void probe(int epoch, const QVector<QImage> &images) = 0;
    /// A notice for the log (device, ignored options, where the model was written).
    virtual void message(const QString &text) = 0;
};

/// The seam the core trainer plugs into (set in main()): runs a whole training on a worker thread and
/// throws core::Error on failure.
using TrainFunction = std::function<void(const TrainingSettings &, TrainingHooks &)>;

/// Runs a TrainFunction on its own thread and turns its hooks into queued signals for the panel.
/// Without a TrainFunction, start() fails with a clear message instead of pretending to train.
class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused };

    explicit TrainingController(QObject *parent = nullptr);
    ~TrainingController() override;

    void setTrainFunction(TrainFunction function) { m_function = std::move(function); }
    /// Completes the form's settings when a run starts (loaded model, probe images, run directory).
    void setContextProvider(std::function<void(TrainingSettings &)> provider) { m_context = std::move(provider); }
    bool hasTrainer() const { return static_cast<bool>(m_function); }
    State state() const { return m_state; }

public Q_SLOTS:
    void start(const bcos::widgets::TrainingSettings &settings);
    void pause();
    void resume();
    void cancel();

Q_SIGNALS:
    void started();
    void stepMetrics(const bcos::widgets::StepMetrics &metrics);
    void epochMetrics(const bcos::widgets::EpochMetrics &metrics);
    void probeImages(int epoch, const QVector<QImage> &images);
    void message(const QString &text);
    void paused();
    void resumed();
    void finished(bool cancelled);
    void failed(const QString &message);
    void stateChanged(bcos::widgets::TrainingController::State state);

private:
    class Hooks;
    void setState(State state);
    void onRunEnded(const QString &error, bool wasCancelled);

    TrainFunction m_function;
    std::function<void(TrainingSettings &)> m_context;
    State m_state = State::Idle;
    QThreadPool m_pool;
    std::shared_ptr<Hooks> m_hooks;
};

} // namespace bcos::widgets
