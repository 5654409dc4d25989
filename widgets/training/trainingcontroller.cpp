#include "trainingcontroller.h"

#include "core/error.h"

#include <QMetaObject>
#include <QPointer>

#include <condition_variable>
#include <mutex>

namespace bcos::widgets {

/// Thread-safe bridge from the trainer (worker thread) to the controller (GUI thread).
class TrainingController::Hooks : public TrainingHooks {
public:
    explicit Hooks(TrainingController *controller)
        : m_controller(controller)
    {
    }

    void step(const StepMetrics &metrics) override
    {
        post([metrics](TrainingController *c) { Q_EMIT c->stepMetrics(metrics); });
    }
    void epoch(const EpochMetrics &metrics) override
    {
        post([metrics](TrainingController *c) { Q_EMIT c->epochMetrics(metrics); });
    }
    void probe(int epoch, const QVector<QImage> &images) override
    {
        post([epoch, images](TrainingController *c) { Q_EMIT c->probeImages(epoch, images); });
    }
    void message(const QString &text) override
    {
        post([text](TrainingController *c) { Q_EMIT c->message(text); });
    }
    bool cancelled() const override { return m_cancelled.load(); }
    void waitWhilePaused() override
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return !m_paused || m_cancelled.load(); });
    }

    void setPaused(bool paused)
    {
        {
            std::lock_guard lock(m_mutex);
            m_paused = paused;
        }
        m_wake.notify_all();
    }
    void cancel()
    {
        m_cancelled.store(true);
        m_wake.notify_all();
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

private:
    QPointer<TrainingController> m_controller;
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_paused = false;
};

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<StepMetrics>();
    qRegisterMetaType<EpochMetrics>();
    m_pool.setMaxThreadCount(1);
}

TrainingController::~TrainingController()
{
    if (m_hooks)
        m_hooks->cancel();
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
    m_hooks = std::make_shared<Hooks>(this);
    setState(State::Running);
    Q_EMIT started();
    m_pool.start([hooks = m_hooks, function = m_function, settings] {
        QString error;
        try {
            function(settings, *hooks);
        } catch (const std::exception &e) {
            error = QString::fromStdString(core::torchMessage(e));
        }
        const bool wasCancelled = hooks->cancelled();
        hooks->post([error, wasCancelled](TrainingController *c) { c->onRunEnded(error, wasCancelled); });
    });
}

void TrainingController::onRunEnded(const QString &error, bool wasCancelled)
{
    m_hooks.reset();
    setState(State::Idle);
    if (!error.isEmpty() && !wasCancelled)
        Q_EMIT failed(error);
    else
        Q_EMIT finished(wasCancelled);
}

void TrainingController::pause()
{
    if (m_state != State::Running || !m_hooks)
        return;
    m_hooks->setPaused(true);
    setState(State::Paused);
    Q_EMIT paused();
}

void TrainingController::resume()
{
    if (m_state != State::Paused || !m_hooks)
        return;
    m_hooks->setPaused(false);
    setState(State::Running);
    Q_EMIT resumed();
}

void TrainingController::cancel()
{
    if (m_hooks)
        m_hooks->cancel();
}

} // namespace bcos::widgets
