#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace bcos::widgets {

/// Status bar widgets: the compute device and the process memory (resident set, refreshed every 2 s).
class StatusIndicators : public QWidget {
    Q_OBJECT
public:
    /// `gpu`: the CUDA device whose memory in use is shown next to the process memory (-1: none).
    StatusIndicators(const QString &device, int gpu = -1, QWidget *parent = nullptr);

    /// Resident memory of this process in bytes (Linux /proc; 0 where unknown).
    static qint64 residentMemory();

public Q_SLOTS:
    void refresh();

private:
    QLabel *m_device;
    QLabel *m_memory;
    QLabel *m_gpuMemory;
    int m_gpu = -1;
    QTimer *m_timer;
};

} // namespace bcos::widgets
