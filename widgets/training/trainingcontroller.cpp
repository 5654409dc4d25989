#include "trainingcontroller.h"

#include "widgets/jobs/explanationrenderer.h"

#include "core/error.h"
#include "core/train/trainer.h"

#include <QDateTime>

#include <algorithm>
#include <QMetaObject>
#include <QPointer>

namespace bcos::widgets {

/// One training run: the core's control flags and hooks, and the observer that forwards the core's reports
/// from the training thread to the controller (queued; dropped once the controller is gone).
class TrainingController::Run : public core::TrainObserver {
public:
    Run(TrainingController *controller, const std::function<QVector<QImage>()> &readProbes)
        : m_controller(controller)
    {
        hooks.observer = this;
        hooks.control = &control;
        if (readProbes) // the W(x)x of the pinned images after each epoch (the trainer decides if it can)
            hooks.probe = [this, readProbes](core::NetworkImpl &network, int64_t epoch) {
                if (!m_probesRead) { // on the training thread: reading may decode files
                    m_probes = readProbes();
                    m_probesRead = true;
                }
                if (m_probes.isEmpty())
                    return;
                const RenderedColumn rendered = renderColumn(
                    network, ColumnSpec::explanation(core::ExplainMethod::Wxx, true, ModelRole::Bcos), m_probes);
                post([epoch, images = rendered.images](TrainingController *c) {
                    Q_EMIT c->probeImages(static_cast<int>(epoch), images);
                });
            };
    }

    void onStart(const core::TrainStartInfo &info) override
    {
        postMessage(QObject::tr("%1 training images, %2 validation images on %3 (%4)")
                        .arg(info.trainSize).arg(info.valSize)
                        .arg(QString::fromStdString(info.device), QString::fromStdString(info.precision)));
        // (info.notes come as onMessage() too: the log shows each once.)
    }
    void onStep(const core::StepMetrics &metrics) override
    {
        post([metrics](TrainingController *c) { Q_EMIT c->stepMetrics(metrics); });
    }
    void onEpoch(const core::EpochMetrics &metrics) override
    {
        post([metrics](TrainingController *c) { Q_EMIT c->epochMetrics(metrics); });
    }
    void onMessage(const std::string &text) override { postMessage(QString::fromStdString(text)); }
    void onModelWritten(const std::filesystem::path &path, bool final) override
    {
        post([file = QString::fromStdString(path.string()), final](TrainingController *c) {
            Q_EMIT c->modelWritten(file, final);
        });
    }

    void postMessage(const QString &text)
    {
        post([text](TrainingController *c) { Q_EMIT c->message(text); });
    }
    template <class F>
    void post(F function)
    {
        QPointer<TrainingController> controller = m_controller;
        QMetaObject::invokeMethod(m_controller.data(), [controller, function] {
            if (controller)
                function(controller.data());
        }, Qt::QueuedConnection);
    }

    core::TrainControl control;
    core::TrainHooks hooks;

private:
    QPointer<TrainingController> m_controller;
    QVector<QImage> m_probes; ///< read at the first probe (training thread only)
    bool m_probesRead = false;
};

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<core::StepMetrics>();
    qRegisterMetaType<core::EpochMetrics>();
    m_pool.setMaxThreadCount(1);
}

TrainingController::~TrainingController()
{
    if (m_run)
        m_run->control.cancel.store(true);
    m_pool.waitForDone();
}

void TrainingController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void TrainingController::start(const TrainingSettings &formSettings)
{
    TrainingSettings settings = formSettings;
    if (m_context)
        m_context(settings);
    if (m_state != State::Idle)
        return;
    if (!m_function) {
        Q_EMIT failed(tr("Training is not available in this build: the trainer has not been linked in."));
        return;
    }
    m_run = std::make_shared<Run>(this, settings.probes);
    setState(State::Running);
    Q_EMIT started();
    m_pool.start([run = m_run, function = m_function, settings] {
        QString error;
        try {
            function(settings, run->hooks);
        } catch (const std::exception &e) {
            error = QString::fromStdString(core::torchMessage(e));
        }
        const bool wasCancelled = run->control.cancel.load();
        run->post([error, wasCancelled](TrainingController *c) { c->onRunEnded(error, wasCancelled); });
    });
}

void TrainingController::onRunEnded(const QString &error, bool wasCancelled)
{
    m_run.reset();
    setState(State::Idle);
    if (!error.isEmpty() && !wasCancelled)
        Q_EMIT failed(error);
    else
        Q_EMIT finished(wasCancelled);
}

void TrainingController::pause()
{
    if (m_state != State::Running || !m_run)
        return;
    m_run->control.pause.store(true); // the core's trainer waits before its next step
    setState(State::Paused);
    Q_EMIT paused();
}

void TrainingController::resume()
{
    if (m_state != State::Paused || !m_run)
        return;
    m_run->control.pause.store(false);
    setState(State::Running);
    Q_EMIT resumed();
}

void TrainingController::cancel()
{
    if (m_run)
        m_run->control.cancel.store(true);
}

QString TrainingController::clusterScript(TrainingSettings form, core::ClusterLauncher launcher,
                                         int processesPerNode) const
{
    form.model = m_model ? m_model() : nullptr;
    form.runDirectory = QStringLiteral("runs/") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    core::ClusterScriptOptions options;
    options.processesPerNode = std::max(1, processesPerNode);
    return QString::fromStdString(core::clusterLaunchScript(launcher, trainCommandArguments(form), options));
}

} // namespace bcos::widgets
