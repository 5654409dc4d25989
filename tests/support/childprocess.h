#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace bcos::test {

/// A command run in the background (`/bin/sh -c "exec COMMAND"`, so the pid is the command's) with stdout and
/// stderr in files; for tests that act on a running process (signals) or run several at once. Killed (SIGKILL)
/// and reaped on destruction if still running, so a failed test leaves nothing behind.
class ChildProcess {
public:
    ChildProcess(const std::string &command, const std::filesystem::path &out, const std::filesystem::path &err);
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    pid_t pid() const { return m_pid; }
    void signal(int signal) const;
    /// The exit status (128 + signal when killed by one), or nullopt when it still runs after `timeout`.
    std::optional<int> wait(std::chrono::milliseconds timeout);

private:
    pid_t m_pid = -1;
    std::optional<int> m_status;
};

} // namespace bcos::test
