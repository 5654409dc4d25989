#pragma once

#include "widgets/jobs/explanationrenderer.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QString>

#include <memory>

namespace bcos::core {
class ClipLocalization;
}

namespace bcos::widgets {

struct LoadedModel;
struct ViewColumn;

/// Identifies one computed view: image x model x method x parameters.
struct ResultKey {
    QString image;  ///< absolute image path
    QString model;  ///< model file path + architecture JSON
    QString method; ///< ViewColumn::id
    QString params; ///< ViewColumn::params as compact JSON (sorted keys)

    QString toString() const;
    static ResultKey make(const QString &imagePath, const LoadedModel &model, const ViewColumn &column);
};

/// A bounded cache of computed maps (GUI thread only; workers post their results). Cost is in KiB.
class ResultCache {
public:
    explicit ResultCache(qint64 maxKiB = 256 * 1024, qint64 maxLocalizationKiB = 1024 * 1024);
    ~ResultCache();

    void insert(const ResultKey &key, const QImage &image);
    /// The same, with the key already as ResultKey::toString().
    void insert(const QString &key, const QImage &image);
    /// A null image when not cached.
    QImage find(const ResultKey &key) const;
    bool contains(const ResultKey &key) const;
    /// The same, with the key already as ResultKey::toString().
    bool containsKey(const QString &key) const;
    /// The top-k classes of `model` for `imagePath` (softmax probabilities), filled by the workers.
    void insertPrediction(const QString &imagePath, const LoadedModel &model, const QVector<ClassScore> &top);
    QVector<ClassScore> prediction(const QString &imagePath, const LoadedModel &model) const;
    /// CLIP text localisation precomputes (per-location maps, the expensive part) under a ResultKey string
    /// (image x model x prompt x templates); bounded separately (they are large: L x 7 x H x W floats).
    void insertLocalization(const QString &key, std::shared_ptr<const core::ClipLocalization> localization);
    /// Null when not cached.
    std::shared_ptr<const core::ClipLocalization> localization(const QString &key) const;
    /// The raw attribution map [H, W] (float, CPU) behind a computed view, with the key as
    /// ResultKey::toString(); bounded separately (a quarter of the image budget).
    void insertMap(const QString &key, const at::Tensor &map);
    /// An undefined tensor when not cached.
    at::Tensor map(const ResultKey &key) const;
    void clear();
    int count() const;
    qint64 totalCostKiB() const;

private:
    QCache<QString, QImage> m_cache;
    QHash<QString, QVector<ClassScore>> m_predictions;
    QCache<QString, at::Tensor> m_maps;
    QCache<QString, std::shared_ptr<const core::ClipLocalization>> m_localizations;
};

} // namespace bcos::widgets
