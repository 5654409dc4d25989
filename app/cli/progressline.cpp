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

} // namespace bcos::cli
