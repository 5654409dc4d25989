// The one job scheduler the studio's features share: results reach the submitter only, requests coalesce,
// stale results and results for a destroyed receiver are dropped, keys are pending while their job runs.
#include "qtwait.h"

#include "widgets/jobs/jobscheduler.h"

#include <QObject>

#include <gtest/gtest.h>

#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace bcos::widgets {
namespace {

using Deliver = JobScheduler::Deliver<int>;

/// A job that delivers `value` once `gate` opens (or at once without a gate).
std::function<void(TaskContext &, const Deliver &)> deliverWhenOpen(int value,
                                                                   std::shared_ptr<std::atomic<bool>> gate = {})
{
    return [value, gate](TaskContext &context, const Deliver &deliver) {
        while (gate && !gate->load() && !context.isCancelled())
            QThread::msleep(1);
        deliver(value);
    };
}

TEST(JobScheduler, ResultsAndEndsGoToTheSubmitterOnly)
{
    TaskRunner runner;
    JobScheduler first(runner, JobScheduler::Concurrency::Parallel);
    JobScheduler second(runner, JobScheduler::Concurrency::Parallel);
    QObject firstReceiver, secondReceiver;
    QList<int> firstResults, secondResults;
    int firstEnds = 0, secondEnds = 0;
    first.submit<int>(QStringLiteral("first"), {}, &firstReceiver, deliverWhenOpen(1),
                      [&](const int &value) { firstResults << value; },
                      [&](const JobEnd &end) {
                          ++firstEnds;
                          EXPECT_EQ(end.outcome, TaskEnd::Outcome::Finished);
                          EXPECT_FALSE(end.stale);
                      });
    second.submit<int>(QStringLiteral("second"), {}, &secondReceiver, deliverWhenOpen(2),
                       [&](const int &value) { secondResults << value; }, [&](const JobEnd &) { ++secondEnds; });
    ASSERT_TRUE(test::waitUntil([&] { return first.isIdle() && second.isIdle(); }));
    EXPECT_EQ(firstResults, QList<int>{1});
    EXPECT_EQ(secondResults, QList<int>{2});
    EXPECT_EQ(firstEnds, 1);
    EXPECT_EQ(secondEnds, 1);
}

TEST(JobScheduler, ManyRequestsInOneTurnRunThePlannerOnce)
{
    TaskRunner runner;
    JobScheduler jobs(runner, JobScheduler::Concurrency::Parallel);
    int plans = 0;
    jobs.setPlanner([&] { ++plans; });
    for (int i = 0; i < 5; ++i)
        jobs.requestSchedule();
    EXPECT_EQ(plans, 0); // on the next event-loop turn
    EXPECT_FALSE(jobs.isIdle());
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle(); }));
    EXPECT_EQ(plans, 1);
}

TEST(JobScheduler, OneAtATimeDefersRequestsUntilTheJobEnds)
{
    TaskRunner runner;
    JobScheduler jobs(runner, JobScheduler::Concurrency::OneAtATime);
    int plans = 0;
    jobs.setPlanner([&] { ++plans; });
    auto gate = std::make_shared<std::atomic<bool>>(false);
    QObject receiver;
    jobs.submit<int>(QStringLiteral("slow"), {QStringLiteral("k")}, &receiver, deliverWhenOpen(1, gate),
                     [](const int &) {});
    jobs.requestSchedule();
    jobs.requestSchedule();
    test::waitUntil([] { return false; }, 50);
    EXPECT_EQ(plans, 0); // waits for the running job
    gate->store(true);
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle(); }));
    EXPECT_EQ(plans, 1);
}

TEST(JobScheduler, KeysArePendingWhileTheirJobRuns)
{
    TaskRunner runner;
    JobScheduler jobs(runner, JobScheduler::Concurrency::Parallel);
    auto gate = std::make_shared<std::atomic<bool>>(false);
    QObject receiver;
    QStringList endedKeys;
    jobs.submit<int>(QStringLiteral("job"), {QStringLiteral("a"), QStringLiteral("b")}, &receiver,
                     deliverWhenOpen(1, gate), [](const int &) {}, [&](const JobEnd &end) { endedKeys = end.keys; });
    EXPECT_TRUE(jobs.isPending(QStringLiteral("a")));
    EXPECT_TRUE(jobs.isPending(QStringLiteral("b")));
    EXPECT_FALSE(jobs.isPending(QStringLiteral("c")));
    EXPECT_EQ(jobs.runningCount(), 1);
    gate->store(true);
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle(); }));
    EXPECT_FALSE(jobs.isPending(QStringLiteral("a")));
    EXPECT_EQ(endedKeys, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
}

TEST(JobScheduler, ResultsOfAnInvalidatedJobAreDroppedAndThePlannerRunsAgain)
{
    TaskRunner runner;
    JobScheduler jobs(runner, JobScheduler::Concurrency::Parallel);
    int plans = 0;
    jobs.setPlanner([&] { ++plans; });
    QObject receiver;
    QList<int> results;
    JobEnd ended;
    // A job that does not look at its cancel flag: it delivers although invalidate() cancelled it.
    auto gate = std::make_shared<std::atomic<bool>>(false);
    jobs.submit<int>(QStringLiteral("old model"), {QStringLiteral("k")}, &receiver,
                     [gate](TaskContext &, const Deliver &deliver) {
                         while (!gate->load())
                             QThread::msleep(1);
                         deliver(7);
                     },
                     [&](const int &value) { results << value; }, [&](const JobEnd &end) { ended = end; });
    jobs.invalidate();
    gate->store(true);
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle(); }));
    EXPECT_TRUE(results.isEmpty());
    EXPECT_TRUE(ended.stale);
    EXPECT_EQ(ended.outcome, TaskEnd::Outcome::Cancelled);
    EXPECT_EQ(plans, 1); // the superseded work is planned again (for the new model)
    // Jobs submitted after invalidate() deliver as usual.
    jobs.submit<int>(QStringLiteral("new model"), {}, &receiver, deliverWhenOpen(8),
                     [&](const int &value) { results << value; });
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle(); }));
    EXPECT_EQ(results, QList<int>{8});
}

TEST(JobScheduler, AReceiverDestroyedBeforeTheResultArrivesIsNotCalled)
{
    TaskRunner runner;
    JobScheduler jobs(runner, JobScheduler::Concurrency::Parallel);
    auto gate = std::make_shared<std::atomic<bool>>(false);
    bool called = false, ended = false;
    auto receiver = std::make_unique<QObject>();
    jobs.submit<int>(QStringLiteral("job"), {}, receiver.get(), deliverWhenOpen(1, gate),
                     [&called](const int &) { called = true; }, [&ended](const JobEnd &) { ended = true; });
    receiver.reset();
    gate->store(true);
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle() && runner.activeCount() == 0; }));
    EXPECT_FALSE(called);
    EXPECT_FALSE(ended);
}

TEST(JobScheduler, AFailedJobReportsItsMessageToTheSubmitter)
{
    TaskRunner runner;
    JobScheduler jobs(runner, JobScheduler::Concurrency::Parallel);
    QObject receiver;
    JobEnd ended;
    jobs.submit<int>(QStringLiteral("job"), {}, &receiver,
                     [](TaskContext &, const Deliver &) { throw std::runtime_error("broken map"); },
                     [](const int &) {}, [&ended](const JobEnd &end) { ended = end; });
    ASSERT_TRUE(test::waitUntil([&] { return jobs.isIdle(); }));
    EXPECT_EQ(ended.outcome, TaskEnd::Outcome::Failed);
    EXPECT_EQ(ended.message, QStringLiteral("broken map"));
}

// Tasks share the cores for their tensor work: two running tasks get half each, a task waiting for a model's lock
// leaves its share to the others (TaskContext::coreShare, TaskContext::lock).
TEST(TaskRunner, TasksShareTheCoresAndOneWaitingForAModelLeavesItsShare)
{
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    TaskRunner runner(nullptr, 2);
    auto gate = std::make_shared<std::atomic<bool>>(false);
    std::atomic<int> alone{0}, beside{0}, besideWaiting{0};
    runner.run(QStringLiteral("alone"), [&alone](TaskContext &context) { alone = context.coreShare(); });
    ASSERT_TRUE(test::waitUntil([&] { return alone.load() > 0 && runner.runningCount() == 0; }));
    EXPECT_EQ(alone.load(), cores);

    runner.run(QStringLiteral("busy"), [gate](TaskContext &) { // decoding a folder, say
        while (!gate->load())
            QThread::msleep(1);
    });
    ASSERT_TRUE(test::waitUntil([&] { return runner.runningCount() == 1; }));
    runner.run(QStringLiteral("beside"), [&beside](TaskContext &context) { beside = context.coreShare(); });
    ASSERT_TRUE(test::waitUntil([&] { return beside.load() > 0; }));
    EXPECT_EQ(beside.load(), std::max(1, cores / 2));
    gate->store(true);
    ASSERT_TRUE(runner.waitForDone(10000));

    std::mutex model;
    std::unique_lock held(model); // an explanation holds the model
    runner.run(QStringLiteral("waits"), [&model](TaskContext &context) { const auto lock = context.lock(model); });
    ASSERT_TRUE(test::waitUntil([&] { return runner.activeCount() == 1 && runner.runningCount() == 0; }));
    runner.run(QStringLiteral("beside a waiting task"),
               [&besideWaiting](TaskContext &context) { besideWaiting = context.coreShare(); });
    ASSERT_TRUE(test::waitUntil([&] { return besideWaiting.load() > 0; }));
    EXPECT_EQ(besideWaiting.load(), cores); // the waiting task does not count
    held.unlock();
    ASSERT_TRUE(runner.waitForDone(10000));
    EXPECT_EQ(runner.runningCount(), 0);
}

} // namespace
} // namespace bcos::widgets
