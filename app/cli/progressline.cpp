#include "progressline.h"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace bcos::cli {

ProgressLine::ProgressLine(std::string label) : m_label(std::move(label)), m_tty(isatty(fileno(stderr)) != 0) {}

ProgressLine::~ProgressLine()
{
    if (m_open)
        fmt::print(stderr, "\n");
}

bool ProgressLine::report(int64_t done, int64_t total)
{
    if (m_tty) {
        fmt::print(stderr, "\r{} {}/{}", m_label, done, total);
        m_open = true;
    } else if (total > 0 && done * 10 / total > m_tenthsPrinted) { // each tenth once, however often it is reported
        m_tenthsPrinted = done * 10 / total;
        fmt::print(stderr, "{} {}/{}\n", m_label, done, total);
    }
    return !stopRequested();
}

bool ProgressLine::report(int64_t done, int64_t total, double fraction)
{
    const int64_t tenths = static_cast<int64_t>(fraction * 10);
    if (m_tty) {
        fmt::print(stderr, "\r{} {}/{} ({:.0f} %)", m_label, done, total, fraction * 100);
        m_open = true;
    } else if (tenths > m_tenthsPrinted) {
        m_tenthsPrinted = tenths;
        fmt::print(stderr, "{} {}/{} ({:.0f} %)\n", m_label, done, total, fraction * 100);
    }
    return !stopRequested();
}

} // namespace bcos::cli
