#include "inputreader.h"

#include "core/error.h"
#include "core/eval/explanationstore.h"
#include "widgets/jobs/tensorimage.h"
#include "widgets/session/inputcache.h"

#include <ATen/ATen.h>

namespace bcos::widgets {

qint64 StoreImages::indexOf(const QString &path) const
{
    if (!store || prefix.isEmpty() || !path.startsWith(prefix))
        return -1;
    bool ok = false;
    const qint64 index = QStringView(path).mid(prefix.size()).toLongLong(&ok);
    return ok && index >= 0 && index < store->size() ? index : -1;
}

InputReader::InputReader(std::shared_ptr<InputCache> cache, InputGeometry geometry, QVector<StoreImages> stores)
    : m_cache(std::move(cache))
    , m_loader(geometry)
    , m_stores(std::move(stores))
{
}

QImage InputReader::cached(const QString &path) const
{
    return m_cache ? m_cache->find(InputCache::key(path, geometry())) : QImage();
}

QImage InputReader::readStored(const StoreImages &source, qint64 index) const
{
    const QImage stored = imageFromBytes(source.store->image(index).permute({1, 2, 0})); // stored [3, H, W] uint8
    const int side = geometry().inputSize;
    return stored.size() == QSize(side, side) ? stored : m_loader.cropToInput(stored);
}

QImage InputReader::read(const QString &path) const
{
    const QString key = InputCache::key(path, geometry());
    if (m_cache)
        if (QImage input = m_cache->find(key); !input.isNull())
            return input;
    QImage input;
    for (const StoreImages &source : m_stores)
        if (const qint64 index = source.indexOf(path); index >= 0) {
            input = readStored(source, index);
            break;
        }
    if (input.isNull())
        input = m_loader.readInput(path);
    if (m_cache)
        m_cache->insert(key, input);
    return input;
}

InputReader::Batch InputReader::read(const QStringList &paths) const
{
    Batch batch;
    for (int i = 0; i < paths.size(); ++i) {
        try {
            batch.inputs << read(paths[i]);
            batch.indices << i;
        } catch (const std::exception &e) { // core::Error from imaging, or a translated LibTorch error
            batch.errors.push_back({paths[i], QString::fromStdString(core::torchMessage(e))});
        }
    }
    return batch;
}

} // namespace bcos::widgets
