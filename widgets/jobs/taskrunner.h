#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace bcos::widgets {

/// What a background task sees: a cancel flag, a progress reporter and a way to hand results back to the
/// GUI thread. Lives as long as the task; never touch widgets from a task.
class TaskContext {
public:
    TaskContext(int id, QPointer<QObject> guiReceiver, std::shared_ptr<std::atomic<bool>> cancelled,
                std::function<void(double, const QString &)> progress,
                std::shared_ptr<std::atomic<int>> running = nullptr);

    int id() const { return m_id; }
    bool isCancelled() const { return m_cancelled->load(); }
    /// Reports progress in [0, 1] with a short status text (delivered as a queued signal).
    void progress(double fraction, const QString &text = {}) const { m_progress(fraction, text); }
    /// Runs `function` on the GUI thread (queued); dropped when the receiver is gone.
    void postToGui(std::function<void()> function) const;
    /// The shared cancel flag, for core functions that take a std::atomic<bool>&.
    std::atomic<bool> &cancelFlag() const { return *m_cancelled; }
    /// This task's share of the cores: all of them while it runs alone, cores / n beside n - 1 other tasks of its
    /// runner (at least 1).
    int coreShare() const;
    /// Runs this thread's tensor work with coreShare() intra-op threads (core::setThreadsOfThisThread), so that a
    /// task next to another one (a folder being decoded) never waits in a team's barrier for a core the other
    /// holds. Call it before each batch: the share changes as other tasks start and end.
    void useCoreShare() const;
    /// Locks `mutex` (a loaded model's) for a batch of tensor work: while it waits, this task does not count for
    /// the others' share (a prediction batch gets all cores while an explanation waits for it, and the other way
    /// round); then useCoreShare().
    std::unique_lock<std::mutex> lock(std::mutex &mutex) const;

private:
    int m_id;
    QPointer<QObject> m_receiver;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    std::function<void(double, const QString &)> m_progress;
    std::shared_ptr<std::atomic<int>> m_running; ///< tasks of the runner running now (this one included)
};

/// How a task ended, as handed to the handler given to TaskRunner::run().
struct TaskEnd {
    enum class Outcome { Finished, Failed, Cancelled };
    int id = 0;
    Outcome outcome = Outcome::Finished;
    QString message; ///< Failed: why (the readable core message)
};

/// Runs work on its own QThreadPool with progress and cancel; emits queued signals on the GUI thread.
/// Exceptions thrown by a task (core::Error and others) become failed() with a readable message. Each task starts
/// with its share of the cores for its tensor work (TaskContext::useCoreShare()).
class TaskRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(TaskContext &)>;
    using EndHandler = std::function<void(const TaskEnd &)>;

    explicit TaskRunner(QObject *parent = nullptr, int maxThreads = 2);
    ~TaskRunner() override;

    /// Starts `work` in the pool; returns the task id used by the signals.
    int run(const QString &title, Work work);
    /// The same; when the task ends, `onEnded` is called on the GUI thread (before the signals) unless
    /// `receiver` is gone by then: the end goes to whoever started the task, not to every listener.
    int run(const QString &title, Work work, QObject *receiver, EndHandler onEnded);
    void cancel(int id);
    void cancelAll();
    /// Blocks until all tasks are done (tests and shutdown only).
    bool waitForDone(int msecs = -1);
    int activeCount() const;
    /// Tasks running on a pool thread now (activeCount() also counts those queued and those whose end is not yet
    /// delivered). Any thread.
    int runningCount() const { return m_running->load(); }

Q_SIGNALS:
    void started(int id, const QString &title);
    void progressChanged(int id, double fraction, const QString &text);
    void finished(int id);
    void failed(int id, const QString &title, const QString &message);
    void cancelled(int id, const QString &title);

private:
    void finishTask(int id, const QString &title, const QString &error, bool wasCancelled);

    QThreadPool m_pool;
    std::shared_ptr<std::atomic<int>> m_running = std::make_shared<std::atomic<int>>(0);
    int m_nextId = 1;
    struct Ending {
        QPointer<QObject> receiver;
        EndHandler handler;
    };
    std::map<int, std::shared_ptr<std::atomic<bool>>> m_active;
    std::map<int, Ending> m_endings;
};

} // namespace bcos::widgets
