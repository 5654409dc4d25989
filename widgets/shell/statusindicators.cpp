#include "statusindicators.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

#include <unistd.h>

namespace bcos::widgets {

StatusIndicators::StatusIndicators(const QString &device, QWidget *parent)
    : QWidget(parent)
    , m_device(new QLabel(this))
    , m_memory(new QLabel(this))
    , m_timer(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_device);
    layout->addWidget(m_memory);
    m_device->setText(tr("Device: %1").arg(device));
    connect(m_timer, &QTimer::timeout, this, &StatusIndicators::refresh);
    m_timer->start(2000);
    refresh();
}

qint64 StatusIndicators::residentMemory()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

void StatusIndicators::refresh()
{
    m_memory->setText(tr("Memory: %1").arg(QLocale().formattedDataSize(residentMemory())));
}

} // namespace bcos::widgets
