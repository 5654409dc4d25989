#pragma once

#include "widgets/jobs/explanationrenderer.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QString>
#include <QStringList>

#include <array>
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
};

/// One image's top classes (at most 5, best first) in 44 bytes: what the cache keeps per image and model, so
/// that 50,000 predictions are a few MB and a row's look-up is one hash probe by its path.
struct TopClasses {
    static constexpr int kMax = 5;
    std::array<qint32, kMax> classes{};
    std::array<float, kMax> probabilities{};
    qint8 count = 0;

    static TopClasses from(const QVector<ClassScore> &scores);
    QVector<ClassScore> scores() const;
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
    /// The top-k classes (softmax probabilities) of `model` for the images `paths` (one list per path), filled by
    /// the workers' jobs; an image's first prediction by a model stays. Kept until clear(): predictions are small
    /// (TopClasses) and the browser needs all of them.
    void insertPredictions(const LoadedModel &model, const QStringList &paths, const QVector<QVector<ClassScore>> &top);
    /// The top-k classes of `model` for `imagePath`; empty when not predicted (yet).
    QVector<ClassScore> prediction(const QString &imagePath, const LoadedModel &model) const;
    /// Every prediction of `model` by image path; null when it has none. For loops over all rows (no key strings).
    using ModelPredictions = QHash<QString, TopClasses>;
    const ModelPredictions *predictions(const LoadedModel &model) const;
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
    QHash<QString, ModelPredictions> m_predictions; ///< by model file path
    QCache<QString, at::Tensor> m_maps;
    QCache<QString, std::shared_ptr<const core::ClipLocalization>> m_localizations;
};

} // namespace bcos::widgets
