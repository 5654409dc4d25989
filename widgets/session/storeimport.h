#pragma once

#include "core/io/tensormap.h"
#include "widgets/session/imagerecord.h"
#include "widgets/session/imagevalues.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bcos::core {
class ExplanationStore;
}

namespace bcos::widgets {

/// What opening an explanation store gives the session (read on a worker).
struct StoreContents {
    std::shared_ptr<const core::ExplanationStore> store;
    QVector<ImageRecord> records;          ///< one per stored image, path storeImagePath() (InputReader reads
                                           ///< its input from the store)
    QVector<ValueColumn> columns;          ///< the store's per-image values
    QHash<QString, ImageValueRow> rows;    ///< by record path
};

/// The path that names stored image `index` of the store in `folder` in the session (and in the result cache's
/// keys): "<folder>/#<index>"; no file has that name.
QString storeImagePath(const QString &folder, qint64 index);

/// The value columns `names` with their index options (metric, method, higher_is_better, curve_x).
QVector<ValueColumn> valueColumnsFrom(const std::vector<std::string> &names, const nlohmann::json &options);

/// Adds the values and curves of a chunk's tensors (explainStoreChunk's layout) of the images `paths` to `rows`.
void appendChunkValues(const core::TensorMap &chunk, const QVector<ValueColumn> &columns, const QStringList &paths,
                       QHash<QString, ImageValueRow> &rows);

/// Opens the store in `folder` and reads its images (thumbnails at ImageRecord::thumbnailSide()), labels and
/// values. `progress(fraction)` after each chunk; stops early with Error{Cancelled} when `cancelled` is set.
/// Throws the store's Error{Io|Format} naming the file.
StoreContents readStoreContents(const QString &folder, const std::atomic<bool> &cancelled,
                                const std::function<void(double)> &progress = {});

} // namespace bcos::widgets
