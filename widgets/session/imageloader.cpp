#include "imageloader.h"

#include "core/data/augment.h"
#include "core/error.h"
#include "core/imaging/imagefolder.h"
#include "core/imaging/imageio.h"
#include "widgets/jobs/tensorimage.h"
#include "widgets/session/inputcache.h"

#include <QFile>
#include <QFileInfo>


namespace bcos::widgets {

ImageLoader::ImageLoader(InputGeometry geometry, std::shared_ptr<InputCache> inputs)
    : m_geometry(geometry)
    , m_inputs(std::move(inputs))
{
}

QStringList ImageLoader::expand(const QStringList &paths, int &skipped) const
{
    QStringList files;
    for (const QString &path : paths) {
        if (!QFileInfo(path).isDir()) {
            files << path; // explicit files are always tried, so non-images get a clear message
            continue;
        }
        int64_t others = 0;
        const auto images = imaging::imageFilesUnder(QFile::encodeName(path).toStdString(), &others);
        for (const std::filesystem::path &file : images)
            files << QFile::decodeName(file.c_str());
        skipped += static_cast<int>(others);
    }
    return files;
}

QImage ImageLoader::cropToInput(const QImage &image) const
{
    const at::Tensor input =
        core::modelInputBytes(bytesFromImage(image).permute({2, 0, 1}), m_geometry.inputSize, m_geometry.resizeSize);
    return imageFromBytes(input.permute({1, 2, 0}));
}

QImage ImageLoader::decode(const QString &path) const
{
    if (!QFileInfo(path).isFile())
        core::fail(core::ErrorCode::Io, "{}: not a readable file", path.toStdString());
    return imageFromBytes(imaging::readImageBytes(path.toStdString()));
}

ImageRecord ImageLoader::loadFile(const QString &path) const
{
    const QImage decoded = decode(path);
    const QFileInfo info(path);
    ImageRecord record;
    record.path = info.absoluteFilePath();
    record.name = info.fileName();
    record.originalSize = decoded.size();
    QByteArray file; // a small PNG is its own thumbnail: no encoding (deflate was most of a 28 px file's load time)
    if (ImageRecord::keepsFileAsThumbnail(decoded.size(), info.size())) {
        QFile in(path);
        if (in.open(QIODevice::ReadOnly))
            file = in.readAll();
    }
    record.thumbnail = ImageRecord::makeThumbnail(decoded, file);
    if (m_inputs)
        m_inputs->insert(InputCache::key(record.path, m_geometry), cropToInput(decoded));
    return record;
}

QImage ImageLoader::readInput(const QString &path) const
{
    return cropToInput(decode(path));
}

ImageLoadResult ImageLoader::load(const QStringList &paths, const std::atomic<bool> &cancelled,
                                  const Progress &progress) const
{
    ImageLoadResult result;
    QStringList files;
    for (const QString &path : paths)
        try {
            files << expand({path}, result.skippedFiles);
        } catch (const core::Error &error) { // a folder it cannot read: said, and the other paths load
            result.errors.push_back({path, QString::fromUtf8(error.what())});
        }
    for (int i = 0; i < files.size() && !cancelled.load(); ++i) {
        if (progress)
            progress(double(i) / files.size(), QFileInfo(files[i]).fileName());
        loadInto(files[i], result);
    }
    return result;
}

void ImageLoader::loadInto(const QString &file, ImageLoadResult &result) const
{
    try {
        result.records.push_back(loadFile(file));
    } catch (const std::exception &e) { // core::Error from imaging, or a translated LibTorch error
        result.errors.push_back({file, QString::fromStdString(core::torchMessage(e))});
    }
}

} // namespace bcos::widgets
