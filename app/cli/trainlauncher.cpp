// bcos train --nproc-per-node N: a local torchrun (rendezvous host + N worker processes + their supervision).
#include "trainlauncher.h"

#include "app/cli/interrupt.h"
#include "core/train/rendezvoushost.h"

#include <fmt/format.h>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace bcos::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// argv/envp of one worker, built before fork() (the child only calls async-signal-safe functions until exec).
struct WorkerCommand {
    std::vector<std::string> arguments;
    std::vector<std::string> environment;
    std::vector<char *> argv, envp;

    void seal()
    {
        for (auto &item : arguments)
            argv.push_back(item.data());
        argv.push_back(nullptr);
        for (auto &item : environment)
            envp.push_back(item.data());
        envp.push_back(nullptr);
    }
};

WorkerCommand workerCommand(const std::vector<std::string> &workerArguments, int rank, int worldSize, int port)
{
    WorkerCommand command;
    command.arguments = {"bcos", "train"};
    command.arguments.insert(command.arguments.end(), workerArguments.begin(), workerArguments.end());
    const std::map<std::string, std::string> set{{"RANK", std::to_string(rank)},
                                                 {"LOCAL_RANK", std::to_string(rank)},
                                                 {"WORLD_SIZE", std::to_string(worldSize)},
                                                 {"LOCAL_WORLD_SIZE", std::to_string(worldSize)},
                                                 {"MASTER_ADDR", "127.0.0.1"},
                                                 {"MASTER_PORT", std::to_string(port)},
                                                 {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                                                 {"TORCHELASTIC_RESTART_COUNT", "0"}};
    for (char **item = environ; *item; ++item) {
        const std::string entry = *item;
        if (!set.count(entry.substr(0, entry.find('='))))
            command.environment.push_back(entry);
    }
    for (const auto &[name, value] : set)
        command.environment.push_back(name + "=" + value);
    command.seal();
    return command;
}

std::string describeStatus(int status)
{
    if (WIFSIGNALED(status))
        return fmt::format("was killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
    return fmt::format("exited with status {}", WEXITSTATUS(status));
}

int exitCode(int status)
{
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/// The running workers: rank -> pid.
class Workers {
public:
    void start(WorkerCommand &command, int rank)
    {
        const pid_t parent = getpid();
        const pid_t pid = fork();
        if (pid < 0)
            throw std::runtime_error(fmt::format("cannot start rank {}: fork failed ({})", rank, strerror(errno)));
        if (pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM); // the launcher is gone: so is this rank
            if (getppid() != parent)
                _exit(1);
            execve("/proc/self/exe", command.argv.data(), command.envp.data());
            _exit(127);
        }
        m_pids[rank] = pid;
    }
    bool empty() const { return m_pids.empty(); }
    void signalAll(int signal) const
    {
        for (const auto &[rank, pid] : m_pids) {
            if (signal == SIGTERM)
                kill(pid, SIGCONT); // a stopped (hung) rank must run to act on SIGTERM
            kill(pid, signal);
        }
    }
    /// Collects the workers that ended since the last call: (rank, wait status).
    std::vector<std::pair<int, int>> reap()
    {
        std::vector<std::pair<int, int>> ended;
        for (auto it = m_pids.begin(); it != m_pids.end();) {
            int status = 0;
            if (waitpid(it->second, &status, WNOHANG) == it->second) {
                ended.emplace_back(it->first, status);
                it = m_pids.erase(it);
            } else {
                ++it;
            }
        }
        return ended;
    }
    pid_t pid(int rank) const { return m_pids.at(rank); }

private:
    std::map<int, pid_t> m_pids;
};

} // namespace

int launchLocalWorkers(const std::vector<std::string> &workerArguments, const LaunchOptions &options)
{
    core::RendezvousHost host("127.0.0.1", options.masterPort, options.timeout);
    std::vector<WorkerCommand> commands;
    for (int rank = 0; rank < options.processes; ++rank)
        commands.push_back(workerCommand(workerArguments, rank, options.processes, host.port()));
    fmt::print("starting {} ranks (rendezvous on 127.0.0.1:{})\n", options.processes, host.port());
    std::fflush(stdout);

    std::atomic<bool> interrupted{false};
    InterruptFlag interrupt(interrupted);
    Workers workers;
    std::map<int, pid_t> pids;
    for (int rank = 0; rank < options.processes; ++rank) {
        workers.start(commands[static_cast<size_t>(rank)], rank);
        pids[rank] = workers.pid(rank);
    }

    // Once stopping (a failure or a signal), the ranks get the distributed timeout plus a margin to end.
    std::optional<Clock::time_point> deadline;
    const auto grace = options.timeout + std::chrono::seconds(30);
    int result = 0;
    bool failed = false, forwarded = false, killed = false;
    while (!workers.empty()) {
        auto ended = workers.reap();
        // A rank killed by a signal is the cause; the others then fail on their connections to it.
        std::stable_sort(ended.begin(), ended.end(),
                         [](const auto &a, const auto &b) { return WIFSIGNALED(a.second) && !WIFSIGNALED(b.second); });
        for (const auto &[rank, status] : ended) {
            const bool ok = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 130);
            if (!ok && !failed && !forwarded) {
                failed = true;
                result = exitCode(status);
                fmt::print(stderr, "bcos train: rank {} (pid {}) {}; stopping the other ranks\n", rank, pids[rank],
                           describeStatus(status));
                workers.signalAll(SIGTERM);
                deadline = Clock::now() + grace;
            } else if (!failed && WIFEXITED(status) && WEXITSTATUS(status) == 130) {
                result = 130;
            }
        }
        if (interrupted.load() && !forwarded) {
            forwarded = true;
            if (!failed)
                result = 130;
            workers.signalAll(SIGTERM);
            if (!deadline)
                deadline = Clock::now() + grace;
        }
        if (deadline && Clock::now() > *deadline && !killed) {
            killed = true;
            fmt::print(stderr, "bcos train: ranks still running {} s after the stop; killing them\n",
                       std::chrono::duration_cast<std::chrono::seconds>(grace).count());
            workers.signalAll(SIGKILL);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return result;
}

} // namespace bcos::cli
