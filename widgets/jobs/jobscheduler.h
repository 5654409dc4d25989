#pragma once

#include "widgets/jobs/taskrunner.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>

namespace bcos::widgets {

/// How a submitted job ended, as its submitter hears it.
struct JobEnd {
    TaskEnd::Outcome outcome = TaskEnd::Outcome::Finished;
    bool stale = false;  ///< it was running when invalidate() was called (superseded, not cancelled by the user)
    QStringList keys;    ///< the keys it claimed (released now)
    QString message;     ///< Failed: why
};

/// The one background-job scheduler the studio's features share (explanations, predictions, CLIP prompts,
/// pointing game). It does the bookkeeping each of them needs once:
/// - coalescing: requestSchedule() runs the planner once on the next event-loop turn, however often it was
///   called; with Concurrency::OneAtATime a request while a job runs waits for that job to end;
/// - pending keys: submit() claims keys (cache keys, image paths) until the job ends, so the planner skips work
///   already under way (isPending());
/// - routing: a job's results and its end go to the handlers given to submit(), guarded by the receiver (a
///   QPointer, as a connection context): no call once the receiver is destroyed, nothing broadcast;
/// - stale results: invalidate() cancels the running jobs and drops whatever they still deliver.
/// A job that ends cancelled or stale, or while a request waited, makes the planner run again.
/// GUI thread only (the work itself runs on the TaskRunner's pool).
class JobScheduler : public QObject {
    Q_OBJECT
public:
    enum class Concurrency { Parallel, OneAtATime };
    template <class Result>
    using Deliver = std::function<void(Result)>;

    JobScheduler(TaskRunner &runner, Concurrency concurrency, QObject *parent = nullptr);
    ~JobScheduler() override;

    /// What requestSchedule() runs (looks for missing work and submit()s it).
    void setPlanner(std::function<void()> planner) { m_planner = std::move(planner); }

    /// Starts `work(context, deliver)` on the runner. Each `deliver(result)` from the worker reaches
    /// `onResult(result)` on the GUI thread, unless `receiver` is gone or the job went stale meanwhile; `onEnded`
    /// (optional) hears how the job ended, under the same receiver guard. `keys` are pending until the job ends.
    template <class Result>
    int submit(const QString &title, const QStringList &keys, QObject *receiver,
               std::function<void(TaskContext &, const Deliver<Result> &)> work,
               std::function<void(const Result &)> onResult, std::function<void(const JobEnd &)> onEnded = {});

    bool isPending(const QString &key) const { return m_pendingKeys.contains(key); }
    /// Jobs submitted and not ended yet.
    int runningCount() const { return static_cast<int>(m_jobs.size()); }
    /// No job running and no planner run requested.
    bool isIdle() const { return m_jobs.empty() && !m_scheduled && !m_again; }

public Q_SLOTS:
    /// Coalesced: the planner runs once on the next event-loop turn (or after the running job, one at a time).
    void requestSchedule();
    /// The results of the running jobs are no longer wanted (a new model): cancels them and drops what they
    /// still deliver; the planner runs again when they have ended.
    void invalidate();

private:
    struct Job {
        QStringList keys;
        int generation = 0;
        std::function<void(const JobEnd &)> onEnded;
        QPointer<QObject> receiver;
    };
    /// The untyped part of submit().
    int start(const QString &title, const QStringList &keys, QObject *receiver, TaskRunner::Work work,
              std::function<void(const JobEnd &)> onEnded);
    void runPlanner();
    void onJobEnded(const TaskEnd &end);
    /// True while results of a job started in `generation` are still wanted.
    bool isCurrent(int generation) const { return generation == m_generation; }

    QPointer<TaskRunner> m_runner; ///< may go before this in a window's teardown
    Concurrency m_concurrency;
    std::function<void()> m_planner;
    std::map<int, Job> m_jobs;
    QSet<QString> m_pendingKeys;
    int m_generation = 0;
    bool m_scheduled = false; ///< a planner run is queued
    bool m_again = false;     ///< a planner run waits for the running job (OneAtATime)
};

template <class Result>
int JobScheduler::submit(const QString &title, const QStringList &keys, QObject *receiver,
                         std::function<void(TaskContext &, const Deliver<Result> &)> work,
                         std::function<void(const Result &)> onResult, std::function<void(const JobEnd &)> onEnded)
{
    QPointer<JobScheduler> self(this);
    QPointer<QObject> guard(receiver);
    const int generation = m_generation;
    TaskRunner::Work task = [self, guard, generation, work = std::move(work),
                             onResult = std::move(onResult)](TaskContext &context) {
        const Deliver<Result> deliver = [&context, self, guard, generation, onResult](Result result) {
            context.postToGui([self, guard, generation, onResult, result = std::move(result)] {
                if (self && guard && self->isCurrent(generation))
                    onResult(result);
            });
        };
        work(context, deliver);
    };
    return start(title, keys, receiver, std::move(task), std::move(onEnded));
}

} // namespace bcos::widgets
