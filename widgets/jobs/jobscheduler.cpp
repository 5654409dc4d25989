#include "jobscheduler.h"

#include <QTimer>

namespace bcos::widgets {

JobScheduler::JobScheduler(TaskRunner &runner, Concurrency concurrency, QObject *parent)
    : QObject(parent)
    , m_runner(&runner)
    , m_concurrency(concurrency)
{
}

JobScheduler::~JobScheduler()
{
    if (m_runner)
        for (const auto &[id, job] : m_jobs) // nobody is left to take their results
            m_runner->cancel(id);
}

void JobScheduler::requestSchedule()
{
    if (m_concurrency == Concurrency::OneAtATime && !m_jobs.empty()) {
        m_again = true; // one at a time: the planner runs when the job has ended
        return;
    }
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &JobScheduler::runPlanner);
}

void JobScheduler::runPlanner()
{
    m_scheduled = false;
    if (m_concurrency == Concurrency::OneAtATime && !m_jobs.empty()) {
        m_again = true;
        return;
    }
    m_again = false;
    if (m_planner)
        m_planner();
}

void JobScheduler::invalidate()
{
    ++m_generation;
    for (const auto &[id, job] : m_jobs)
        m_runner->cancel(id);
}

int JobScheduler::start(const QString &title, const QStringList &keys, QObject *receiver, TaskRunner::Work work,
                        std::function<void(const JobEnd &)> onEnded)
{
    for (const QString &key : keys)
        m_pendingKeys.insert(key);
    const int id = m_runner->run(title, std::move(work), this, [this](const TaskEnd &end) { onJobEnded(end); });
    m_jobs[id] = {keys, m_generation, std::move(onEnded), receiver};
    return id;
}

void JobScheduler::onJobEnded(const TaskEnd &end)
{
    const auto it = m_jobs.find(end.id);
    if (it == m_jobs.end())
        return;
    const Job job = std::move(it->second);
    m_jobs.erase(it);
    for (const QString &key : job.keys)
        m_pendingKeys.remove(key);
    const JobEnd jobEnd{end.outcome, !isCurrent(job.generation), job.keys, end.message};
    if (job.onEnded && job.receiver)
        job.onEnded(jobEnd);
    // Cancelled or superseded work is still missing; a request that waited for this job runs now.
    if (m_again || jobEnd.stale || end.outcome == TaskEnd::Outcome::Cancelled) {
        m_again = false;
        requestSchedule();
    }
}

} // namespace bcos::widgets
