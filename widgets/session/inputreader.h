#pragma once

#include "widgets/session/imageloader.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace bcos::core {
class ExplanationStore;
}

namespace bcos::widgets {

class InputCache;

/// An explanation store whose images are in the session under storeImagePath(folder, index).
struct StoreImages {
    QString prefix; ///< storeImagePath(folder, 0) without the index
    std::shared_ptr<const core::ExplanationStore> store;

    /// The stored image that `path` names; -1 for any other path.
    qint64 indexOf(const QString &path) const;
};

/// Where the jobs get the model inputs of the session's images: the InputCache, else the file decoded again and
/// cropped with the geometry (ImageLoader::readInput), or the stored image of an explanation store (resized when
/// the geometry differs), which then goes into the cache. Copy it into a job: reading decodes, so read() runs on
/// worker threads only; cached() never decodes and is cheap on any thread.
class InputReader {
public:
    InputReader() = default;
    InputReader(std::shared_ptr<InputCache> cache, InputGeometry geometry, QVector<StoreImages> stores = {});

    const InputGeometry &geometry() const { return m_loader.geometry(); }
    /// The input of the image `path` when the cache holds it; null otherwise.
    QImage cached(const QString &path) const;
    /// The input of the image `path` (inputSize x inputSize, RGB888). Throws core::Error naming the file when it
    /// can no longer be decoded (moved, deleted, damaged since it was added).
    QImage read(const QString &path) const;

    /// The readable inputs of a batch of images, in order, and why the others could not be read.
    struct Batch {
        QVector<QImage> inputs;
        QVector<int> indices;           ///< for each input, its position in the paths asked for
        QVector<ImageLoadError> errors; ///< the paths that could not be read
    };
    Batch read(const QStringList &paths) const;

private:
    QImage readStored(const StoreImages &source, qint64 index) const;

    std::shared_ptr<InputCache> m_cache;
    ImageLoader m_loader;
    QVector<StoreImages> m_stores;
};

} // namespace bcos::widgets
