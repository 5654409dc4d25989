#include "interrupt.h"

namespace bcos::cli {
namespace {

/// Set while an InterruptFlag lives; std::atomic<bool> is lock-free, so storing to it is async-signal-safe.
std::atomic<bool> *g_flag = nullptr;

extern "C" void requestStop(int)
{
    if (g_flag)
        g_flag->store(true);
}

} // namespace

InterruptFlag::InterruptFlag(std::atomic<bool> &flag)
{
    g_flag = &flag;
    struct sigaction action {};
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_previousInt);
    sigaction(SIGTERM, &action, &m_previousTerm);
}

InterruptFlag::~InterruptFlag()
{
    sigaction(SIGINT, &m_previousInt, nullptr);
    sigaction(SIGTERM, &m_previousTerm, nullptr);
    g_flag = nullptr;
}

} // namespace bcos::cli
