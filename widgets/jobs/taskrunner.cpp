#include "taskrunner.h"

#include "core/buildinfo.h"
#include "core/error.h"

#include <QMetaObject>

#include <algorithm>
#include <exception>
#include <new>
#include <thread>

namespace bcos::widgets {

TaskContext::TaskContext(int id, QPointer<QObject> guiReceiver, std::shared_ptr<std::atomic<bool>> cancelled,
                         std::function<void(double, const QString &)> progress,
                         std::shared_ptr<std::atomic<int>> running)
    : m_id(id)
    , m_receiver(std::move(guiReceiver))
    , m_cancelled(std::move(cancelled))
    , m_progress(std::move(progress))
    , m_running(std::move(running))
{
}

int TaskContext::coreShare() const
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int tasks = m_running ? std::max(1, m_running->load()) : 1;
    return std::max(1, cores / tasks);
}

void TaskContext::useCoreShare() const
{
    core::setThreadsOfThisThread(coreShare());
}

std::unique_lock<std::mutex> TaskContext::lock(std::mutex &mutex) const
{
    std::unique_lock lock(mutex, std::try_to_lock);
    if (!lock.owns_lock()) { // waiting: the cores are the others' meanwhile
        if (m_running)
            --*m_running;
        lock.lock();
        if (m_running)
            ++*m_running;
    }
    useCoreShare();
    return lock;
}

void TaskContext::postToGui(std::function<void()> function) const
{
    QObject *receiver = m_receiver.data();
    if (receiver)
        QMetaObject::invokeMethod(receiver, std::move(function), Qt::QueuedConnection);
}

TaskRunner::TaskRunner(QObject *parent, int maxThreads)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(std::max(1, maxThreads));
}

TaskRunner::~TaskRunner()
{
    cancelAll();
    m_pool.waitForDone();
}

int TaskRunner::run(const QString &title, Work work, QObject *receiver, EndHandler onEnded)
{
    const int id = run(title, std::move(work));
    if (onEnded)
        m_endings[id] = {receiver, std::move(onEnded)};
    return id;
}

int TaskRunner::run(const QString &title, Work work)
{
    const int id = m_nextId++;
    auto flag = std::make_shared<std::atomic<bool>>(false);
    m_active[id] = flag;
    Q_EMIT started(id, title);
    QPointer<TaskRunner> self(this);
    auto progress = [self, id](double fraction, const QString &text) {
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, id, fraction, text] {
                if (self)
                    Q_EMIT self->progressChanged(id, fraction, text);
            }, Qt::QueuedConnection);
    };
    m_pool.start([self, id, title, flag, progress, running = m_running, work = std::move(work)] {
        core::flushDenormals(); // once per pool thread: see core/buildinfo.h
        ++*running;
        TaskContext context(id, self.data(), flag, progress, running);
        context.useCoreShare(); // long tasks call it again as others start and end
        QString error;
        try {
            work(context);
        } catch (const core::Error &e) {
            error = QString::fromStdString(e.what());
        } catch (const std::bad_alloc &) {
            error = tr("out of memory");
        } catch (const std::exception &e) {
            error = QString::fromStdString(core::torchMessage(e));
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        --*running;
        const bool wasCancelled = flag->load();
        context.postToGui([self, id, title, error, wasCancelled] {
            if (self)
                self->finishTask(id, title, error, wasCancelled);
        });
    });
    return id;
}

void TaskRunner::finishTask(int id, const QString &title, const QString &error, bool wasCancelled)
{
    m_active.erase(id);
    if (auto it = m_endings.find(id); it != m_endings.end()) {
        const Ending ending = std::move(it->second);
        m_endings.erase(it);
        const auto outcome = wasCancelled     ? TaskEnd::Outcome::Cancelled
                             : error.isEmpty() ? TaskEnd::Outcome::Finished
                                               : TaskEnd::Outcome::Failed;
        if (ending.receiver)
            ending.handler({id, outcome, error});
    }
    if (wasCancelled)
        Q_EMIT cancelled(id, title);
    else if (!error.isEmpty())
        Q_EMIT failed(id, title, error);
    else
        Q_EMIT finished(id);
}

void TaskRunner::cancel(int id)
{
    if (auto it = m_active.find(id); it != m_active.end())
        it->second->store(true);
}

void TaskRunner::cancelAll()
{
    for (auto &[id, flag] : m_active)
        flag->store(true);
}

bool TaskRunner::waitForDone(int msecs)
{
    return m_pool.waitForDone(msecs);
}

int TaskRunner::activeCount() const
{
    return static_cast<int>(m_active.size());
}

} // namespace bcos::widgets
