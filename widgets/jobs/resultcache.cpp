#include "resultcache.h"

#include "widgets/session/modelloading.h"
#include "widgets/session/viewcolumn.h"

#include "core/explain/cliplocalize.h"

#include <QJsonDocument>

#include <algorithm>

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

TopClasses TopClasses::from(const QVector<ClassScore> &scores)
{
    TopClasses top;
    top.count = static_cast<qint8>(std::min<qsizetype>(kMax, scores.size()));
    for (int k = 0; k < top.count; ++k) {
        top.classes[k] = scores[k].index;
        top.probabilities[k] = static_cast<float>(scores[k].probability);
    }
    return top;
}

QVector<ClassScore> TopClasses::scores() const
{
    QVector<ClassScore> scores;
    for (int k = 0; k < count; ++k)
        scores.append({classes[k], probabilities[k]});
    return scores;
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

void ResultCache::insertPredictions(const LoadedModel &model, const QStringList &paths,
                                    const QVector<QVector<ClassScore>> &top)
{
    ModelPredictions &predictions = m_predictions[QString::fromStdString(model.path)];
    // The first prediction of an image stays: the explanation pass and the batched forward pass agree on the classes
    // but not always on a probability's last digits, and the browser's arrays keep what they read first.
    for (int i = 0; i < paths.size() && i < top.size(); ++i)
        if (!predictions.contains(paths[i]))
            predictions.insert(paths[i], TopClasses::from(top[i])); // the key shares the record's path string
}

QVector<ClassScore> ResultCache::prediction(const QString &imagePath, const LoadedModel &model) const
{
    const ModelPredictions *predictions = this->predictions(model);
    if (!predictions)
        return {};
    const auto found = predictions->constFind(imagePath);
    return found == predictions->constEnd() ? QVector<ClassScore>() : found->scores();
}

const ResultCache::ModelPredictions *ResultCache::predictions(const LoadedModel &model) const
{
    const auto found = m_predictions.constFind(QString::fromStdString(model.path));
    return found == m_predictions.constEnd() ? nullptr : &found.value();
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
