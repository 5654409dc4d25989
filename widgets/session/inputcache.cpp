#include "inputcache.h"

#include <algorithm>

namespace bcos::widgets {

InputCache::InputCache(qint64 budgetBytes)
    : m_inputs(std::max<qint64>(1, budgetBytes))
{
}

QString InputCache::key(const QString &path, const InputGeometry &geometry)
{
    // A unit separator keeps the path apart whatever characters it holds.
    return path + QChar(0x1f) + QString::number(geometry.inputSize) + QLatin1Char('/')
        + QString::number(geometry.resizeSize);
}

QImage InputCache::find(const QString &key) const
{
    const std::lock_guard lock(m_mutex);
    const QImage *input = m_inputs.object(key); // moves it to the front of QCache's recency list
    return input ? *input : QImage();
}

void InputCache::insert(const QString &key, const QImage &input)
{
    const std::lock_guard lock(m_mutex);
    m_inputs.insert(key, new QImage(input), std::max<qint64>(1, input.sizeInBytes()));
}

void InputCache::setBudget(qint64 bytes)
{
    const std::lock_guard lock(m_mutex);
    m_inputs.setMaxCost(std::max<qint64>(1, bytes));
}

InputCache::Usage InputCache::usage() const
{
    const std::lock_guard lock(m_mutex);
    return {static_cast<int>(m_inputs.count()), m_inputs.totalCost(), m_inputs.maxCost()};
}

void InputCache::clear()
{
    const std::lock_guard lock(m_mutex);
    m_inputs.clear();
}

} // namespace bcos::widgets
