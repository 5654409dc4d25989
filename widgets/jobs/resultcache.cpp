#include "resultcache.h"

#include "widgets/session/modelloading.h"
#include "widgets/session/viewcolumn.h"

#include "core/explain/cliplocalize.h"

#include <QJsonDocument>

namespace bcos::widgets {

QString ResultKey::toString() const
{
    // Unit separators keep the parts apart whatever characters the paths hold.
    return image + QChar(0x1f) + model + QChar(0x1f) + method + QChar(0x1f) + params;
}

ResultKey ResultKey::make(const QString &imagePath, const LoadedModel &model, const ViewColumn &column)
{
    // QJsonObject keeps its keys sorted, so equal parameters give equal strings.
    const auto &architecture = model.description.architecture;
    const QString architectureText = QString::fromStdString(architecture.is_null() ? std::string() : architecture.dump());
    return {imagePath, QString::fromStdString(model.path) + QLatin1Char('|') + architectureText,
            column.id, QString::fromUtf8(QJsonDocument(column.spec.toJson()).toJson(QJsonDocument::Compact))};
}

ResultKey ResultKey::prediction(const QString &imagePath, const LoadedModel &model)
{
    return {imagePath, QString::fromStdString(model.path), {}, {}};
}

ResultCache::ResultCache(qint64 maxKiB, qint64 maxLocalizationKiB)
    : m_cache(maxKiB)
    , m_maps(std::max<qint64>(1, maxKiB / 4))
    , m_localizations(maxLocalizationKiB)
{
}

ResultCache::~ResultCache() = default;

void ResultCache::insertLocalization(const ResultKey &key, std::shared_ptr<const core::ClipLocalization> localization)
{
    const qint64 bytes = (localization->perLocationWeights().numel() + localization->perLocationContributions().numel())
                         * static_cast<qint64>(sizeof(float));
    m_localizations.insert(key.toString(), new std::shared_ptr<const core::ClipLocalization>(std::move(localization)),
                           std::max<qint64>(1, bytes / 1024));
}

std::shared_ptr<const core::ClipLocalization> ResultCache::localization(const ResultKey &key) const
{
    const auto *found = m_localizations.object(key.toString());
    return found ? *found : nullptr;
}

void ResultCache::insert(const ResultKey &key, const QImage &image)
{
    const qint64 cost = std::max<qint64>(1, image.sizeInBytes() / 1024);
    m_cache.insert(key.toString(), new QImage(image), cost);
}

QImage ResultCache::find(const ResultKey &key) const
{
    const QImage *image = m_cache.object(key.toString());
    return image ? *image : QImage();
}

bool ResultCache::contains(const ResultKey &key) const
{
    return m_cache.contains(key.toString());
}

void ResultCache::insertPrediction(const ResultKey &key, const QVector<ClassScore> &top)
{
    m_predictions.insert(key.toString(), top);
}

QVector<ClassScore> ResultCache::prediction(const ResultKey &key) const
{
    return m_predictions.value(key.toString());
}

QVector<ClassScore> ResultCache::prediction(const QString &imagePath, const LoadedModel &model) const
{
    return prediction(ResultKey::prediction(imagePath, model));
}

void ResultCache::insertMap(const ResultKey &key, const at::Tensor &map)
{
    const qint64 cost = std::max<qint64>(1, static_cast<qint64>(map.numel() * map.element_size() / 1024));
    m_maps.insert(key.toString(), new at::Tensor(map), cost);
}

at::Tensor ResultCache::map(const ResultKey &key) const
{
    const at::Tensor *map = m_maps.object(key.toString());
    return map ? *map : at::Tensor();
}

void ResultCache::clear()
{
    m_cache.clear();
    m_maps.clear();
    m_predictions.clear();
    m_localizations.clear();
}

int ResultCache::count() const
{
    return static_cast<int>(m_cache.count());
}

qint64 ResultCache::totalCostKiB() const
{
    return m_cache.totalCost();
}

} // namespace bcos::widgets
