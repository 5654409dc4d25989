#pragma once

#include "widgets/session/inputcache.h"

#include <QWidget>

class QLabel;
class QTimer;

namespace bcos::widgets {

/// Status bar widgets: the compute device, what the input cache holds and the process memory (resident set),
/// refreshed every 2 s (the cache's counts are read under its lock: no work on the GUI thread).
class StatusIndicators : public QWidget {
    Q_OBJECT
public:
    /// `gpu`: the CUDA device whose memory in use is shown next to the process memory (-1: none). `inputs`: the
    /// session's input cache (null: not shown); it must outlive the widget.
    StatusIndicators(const QString &device, int gpu = -1, const InputCache *inputs = nullptr, QWidget *parent = nullptr);

    /// Resident memory of this process in bytes (Linux /proc; 0 where unknown).
    static qint64 residentMemory();
    /// "Cache: 1,234 inputs · 180 MiB of 512 MiB" (numbers and sizes in the default locale).
    static QString cacheText(const InputCache::Usage &usage);

    /// The compute device's name ("CPU", a GPU's label): "Device: <device>".
    void setDevice(const QString &device);
    QString deviceText() const;

public Q_SLOTS:
    void refresh();
    /// Something the indicators show changed (images added, results in): refresh within 200 ms, coalesced.
    void refreshSoon();

private:
    QLabel *m_device;
    QLabel *m_cache;
    QLabel *m_memory;
    QLabel *m_gpuMemory;
    int m_gpu = -1;
    const InputCache *m_inputs = nullptr;
    QTimer *m_timer;
    QTimer *m_soon;
};

} // namespace bcos::widgets
