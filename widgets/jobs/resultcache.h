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

/// The one key of everything the cache holds: image x model x view (column id and its spec's JSON).
/// Predictions are per image x model (empty view); CLIP precomputes use the prompt column's key.
struct ResultKey {
    QString image;  ///< absolute image path
    QString model;  ///< model file path + architecture JSON
    QString method; ///< ViewColumn::id; empty for predictions
    QString params; ///< ColumnSpec::toJson() as compact JSON (sorted keys)

    QString toString() const;
    bool operator==(const ResultKey &other) const { return toString() == other.toString(); }
    static ResultKey make(const QString &imagePath, const LoadedModel &model, const ViewColumn &column);
    /// The key of the model's class predictions for an image.
    static ResultKey prediction(const QString &imagePath, const LoadedModel &model);
};

/// A bounded cache of computed results (GUI thread only; workers post theirs). Cost is in KiB.
class ResultCache {
public:
    explicit ResultCache(qint64 maxKiB = 256 * 1024, qint64 maxLocalizationKiB = 1024 * 1024);
    ~ResultCache();

    /// The cell image of a view.
    void insert(const ResultKey &key, const QImage &image);
    /// A null image when not cached.
    QImage find(const ResultKey &key) const;
    bool contains(const ResultKey &key) const;
    /// The top-k classes (softmax probabilities) under ResultKey::prediction(), filled by the workers.
    void insertPrediction(const ResultKey &key, const QVector<ClassScore> &top);
    QVector<ClassScore> prediction(const ResultKey &key) const;
    /// The same, for `imagePath` x `model`.
    QVector<ClassScore> prediction(const QString &imagePath, const LoadedModel &model) const;
    /// CLIP text localisation precomputes (per-location maps, the expensive part) under their prompt column's
    /// key; bounded separately (they are large: L x 7 x H x W floats).
    void insertLocalization(const ResultKey &key, std::shared_ptr<const core::ClipLocalization> localization);
    /// Null when not cached.
    std::shared_ptr<const core::ClipLocalization> localization(const ResultKey &key) const;
    /// The raw attribution map [H, W] (float, CPU) behind a computed view; bounded separately (a quarter of the
    /// image budget).
    void insertMap(const ResultKey &key, const at::Tensor &map);
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
