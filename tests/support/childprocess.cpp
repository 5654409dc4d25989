#include "childprocess.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

extern char **environ;

namespace bcos::test {

ChildProcess::ChildProcess(const std::string &command, const std::filesystem::path &out,
                           const std::filesystem::path &err)
{
    const std::string line = "exec " + command + " >" + out.string() + " 2>" + err.string();
    const char *argv[] = {"/bin/sh", "-c", line.c_str(), nullptr};
    if (posix_spawn(&m_pid, "/bin/sh", nullptr, nullptr, const_cast<char **>(argv), environ) != 0)
        throw std::runtime_error("cannot start: " + command);
}

ChildProcess::~ChildProcess()
{
    if (!m_status) {
        ::kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
}

void ChildProcess::signal(int signal) const
{
    if (!m_status)
        ::kill(m_pid, signal);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!m_status) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid)
            m_status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
        else if (std::chrono::steady_clock::now() > deadline)
            return std::nullopt;
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return m_status;
}

} // namespace bcos::test
