#pragma once

#include "widgets/session/imageloader.h"

#include <QCache>
#include <QImage>
#include <QString>

#include <mutex>

namespace bcos::widgets {

/// The model inputs decoded from the session's image files, kept up to a memory budget: when an insert goes over
/// it, the least recently used inputs are dropped (and decoded again from their file when a job needs them,
/// InputReader). Keys name the file and the crop geometry, so inputs of another model's size never mix in.
/// Thread-safe: workers insert and look up, the GUI thread looks up (no decoding) and reads the usage.
class InputCache {
public:
    /// What the cache holds now.
    struct Usage {
        int count = 0;     ///< inputs
        qint64 bytes = 0;  ///< their pixel data (QImage::sizeInBytes())
        qint64 budget = 0; ///< the most bytes it keeps
    };

    explicit InputCache(qint64 budgetBytes = defaultBudget());

    /// 512 MiB: 3,400 inputs of 224 x 224 pixels, 170,000 of 32 x 32.
    static constexpr qint64 defaultBudget() { return qint64(512) << 20; }
    /// The key of `path`'s input cropped with `geometry`.
    static QString key(const QString &path, const InputGeometry &geometry);

    /// The input under `key` (now the most recently used); null when it is not cached.
    QImage find(const QString &key) const;
    /// Keeps `input` under `key`, then drops the least recently used inputs until the total fits the budget (an
    /// input larger than the whole budget is not kept).
    void insert(const QString &key, const QImage &input);
    /// A new budget; drops the least recently used inputs above it at once.
    void setBudget(qint64 bytes);
    Usage usage() const;
    void clear();

private:
    mutable std::mutex m_mutex;
    mutable QCache<QString, QImage> m_inputs; ///< cost: bytes
};

} // namespace bcos::widgets
