#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <functional>

namespace bcos::test {

/// Processes events until `done()` holds or `msecs` pass; returns done(). For queued results of workers.
inline bool waitUntil(const std::function<bool()> &done, int msecs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < msecs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    QCoreApplication::processEvents();
    return done();
}

} // namespace bcos::test
