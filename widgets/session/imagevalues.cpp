#include "imagevalues.h"

#include <limits>

namespace bcos::widgets {

ImageValues::ImageValues(QObject *parent)
    : QObject(parent)
{
}

int ImageValues::columnIndex(const QString &name) const
{
    for (int i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name == name)
            return i;
    return -1;
}

double ImageValues::value(const QString &imagePath, int column) const
{
    const auto it = m_rows.constFind(imagePath);
    if (it == m_rows.constEnd() || column < 0 || column >= it->values.size())
        return std::numeric_limits<double>::quiet_NaN();
    return it->values[column];
}

QVector<double> ImageValues::curve(const QString &imagePath, int column) const
{
    const auto it = m_rows.constFind(imagePath);
    if (it == m_rows.constEnd() || column < 0 || column >= it->curves.size())
        return {};
    return it->curves[column];
}

void ImageValues::replace(QVector<ValueColumn> columns, QHash<QString, ImageValueRow> rows, QString source)
{
    m_columns = std::move(columns);
    m_rows = std::move(rows);
    m_source = std::move(source);
    Q_EMIT changed();
}

void ImageValues::clear()
{
    if (m_columns.isEmpty() && m_rows.isEmpty())
        return;
    replace({}, {}, {});
}

} // namespace bcos::widgets
