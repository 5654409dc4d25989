#pragma once

#include <QWidget>

class QLabel;
class QTimer;

namespace bcos::widgets {

/// Status bar widgets: the compute device and the process memory (resident set, refreshed every 2 s).
class StatusIndicators : public QWidget {
    Q_OBJECT
public:
    StatusIndicators(const QString &device, QWidget *parent = nullptr);

    /// Resident memory of this process in bytes (Linux /proc; 0 where unknown).
    static qint64 residentMemory();

public Q_SLOTS:
    void refresh();

private:
    QLabel *m_device;
    QLabel *m_memory;
    QTimer *m_timer;
};

} // namespace bcos::widgets
