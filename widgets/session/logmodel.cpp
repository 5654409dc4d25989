#include "logmodel.h"

#include <QBrush>
#include <QColor>

namespace bcos::widgets {

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Info: return tr("Info");
    case LogLevel::Warning: return tr("Warning");
    case LogLevel::Error: return tr("Error");
    }
    return {};
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const LogEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn: return e.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case LevelColumn: return levelName(e.level);
        case MessageColumn: return e.message;
        }
    }
    if (role == Qt::ForegroundRole && e.level == LogLevel::Error)
        return QBrush(QColor(0xb0, 0x20, 0x20));
    if (role == Qt::ForegroundRole && e.level == LogLevel::Warning)
        return QBrush(QColor(0x9a, 0x60, 0x00));
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case LevelColumn: return tr("Level");
    case MessageColumn: return tr("Message");
    }
    return {};
}

int LogModel::count(LogLevel level) const
{
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
                                          [level](const LogEntry &e) { return e.level == level; }));
}

void LogModel::append(LogLevel level, const QString &message)
{
    if (m_entries.size() >= maxEntries()) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append({QDateTime::currentDateTime(), level, message});
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

} // namespace bcos::widgets
