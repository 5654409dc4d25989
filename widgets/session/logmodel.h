#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QString>
#include <QVector>

namespace bcos::widgets {

enum class LogLevel { Info, Warning, Error };

struct LogEntry {
    QDateTime time;
    LogLevel level = LogLevel::Info;
    QString message;
};

/// The session log (log/console dock): time stamp, level, message. Appends only; capped at maxEntries().
class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, MessageColumn, ColumnCount };

    explicit LogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const LogEntry &entry(int row) const { return m_entries.at(row); }
    int count(LogLevel level) const;
    static int maxEntries() { return 5000; }
    static QString levelName(LogLevel level);

public Q_SLOTS:
    void append(bcos::widgets::LogLevel level, const QString &message);
    void clear();

private:
    QVector<LogEntry> m_entries;
};

} // namespace bcos::widgets
