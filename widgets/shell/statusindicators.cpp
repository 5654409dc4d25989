#include "statusindicators.h"

#include "core/gpu.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

#include <unistd.h>

namespace bcos::widgets {

StatusIndicators::StatusIndicators(const QString &device, int gpu, const InputCache *inputs, QWidget *parent)
    : QWidget(parent)
    , m_device(new QLabel(this))
    , m_cache(new QLabel(this))
    , m_memory(new QLabel(this))
    , m_gpuMemory(new QLabel(this))
    , m_gpu(gpu)
    , m_inputs(inputs)
    , m_timer(new QTimer(this))
    , m_soon(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_device);
    layout->addWidget(m_cache);
    layout->addWidget(m_memory);
    m_cache->setVisible(inputs != nullptr);
    m_cache->setToolTip(tr("Model inputs decoded from the image files and kept in memory, up to the budget set in "
                           "Edit > Preferences; the least recently used are decoded again when needed."));
    layout->addWidget(m_gpuMemory);
    m_gpuMemory->setVisible(gpu >= 0);
    setDevice(device);
    connect(m_timer, &QTimer::timeout, this, &StatusIndicators::refresh);
    m_timer->start(2000);
    m_soon->setSingleShot(true);
    m_soon->setInterval(200);
    connect(m_soon, &QTimer::timeout, this, &StatusIndicators::refresh);
    refresh();
}

void StatusIndicators::setDevice(const QString &device)
{
    m_device->setText(tr("Device: %1").arg(device));
}

QString StatusIndicators::deviceText() const
{
    return m_device->text();
}

qint64 StatusIndicators::residentMemory()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

void StatusIndicators::refreshSoon()
{
    if (!m_soon->isActive())
        m_soon->start();
}

QString StatusIndicators::cacheText(const InputCache::Usage &usage)
{
    const QLocale locale;
    return tr("Cache: %Ln input(s) · %1 of %2", nullptr, usage.count)
        .arg(locale.formattedDataSize(usage.bytes, 0), locale.formattedDataSize(usage.budget, 0));
}

void StatusIndicators::refresh()
{
    if (m_inputs)
        m_cache->setText(cacheText(m_inputs->usage()));
    m_memory->setText(tr("Memory: %1").arg(QLocale().formattedDataSize(residentMemory())));
    if (m_gpu < 0)
        return;
    const qint64 used = core::cudaMemoryInUse(m_gpu); // every process on the device, as nvidia-smi counts
    m_gpuMemory->setText(used < 0 ? tr("GPU memory: unknown")
                                  : tr("GPU memory: %1").arg(QLocale().formattedDataSize(used)));
}

} // namespace bcos::widgets
