#include "imageloader.h"

#include "core/error.h"
#include "core/imaging/imageio.h"

#include <QDirIterator>
#include <QFileInfo>

#include <ATen/ATen.h>

#include <algorithm>

namespace bcos::widgets {
namespace {

/// [3, H, W] float in [0, 1] -> QImage RGB888 (deep copy).
QImage qimageFromTensor(const at::Tensor &chw)
{
    const at::Tensor hwc = (chw.clamp(0, 1) * 255.0).round().to(at::kByte).permute({1, 2, 0}).contiguous();
    const int height = static_cast<int>(hwc.size(0));
    const int width = static_cast<int>(hwc.size(1));
    QImage image(width, height, QImage::Format_RGB888);
    const auto *src = hwc.data_ptr<uint8_t>();
    for (int y = 0; y < height; ++y)
        std::copy_n(src + static_cast<size_t>(y) * width * 3, width * 3, image.scanLine(y));
    return image;
}

} // namespace

ImageLoader::ImageLoader(InputGeometry geometry)
    : m_geometry(geometry)
{
}

QStringList ImageLoader::imageExtensions()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("bmp"),
            QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("webp"), QStringLiteral("ppm"),
            QStringLiteral("pgm")};
}

bool ImageLoader::hasImageExtension(const QString &path)
{
    return imageExtensions().contains(QFileInfo(path).suffix().toLower());
}

QStringList ImageLoader::expand(const QStringList &paths, int &skipped) const
{
    QStringList files;
    for (const QString &path : paths) {
        if (!QFileInfo(path).isDir()) {
            files << path; // explicit files are always tried, so non-images get a clear message
            continue;
        }
        QStringList inFolder;
        QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (hasImageExtension(file))
                inFolder << file;
            else
                ++skipped;
        }
        inFolder.sort();
        files << inFolder;
    }
    return files;
}

QImage ImageLoader::cropToInput(const QImage &image) const
{
    const int side = m_geometry.inputSize;
    const int shorter = std::min(image.width(), image.height());
    const int target = m_geometry.resizeSize > 0 ? m_geometry.resizeSize : side;
    QImage scaled = image;
    if (shorter != target && shorter > 0) {
        const double s = double(target) / shorter;
        scaled = image.scaled(std::max(side, qRound(image.width() * s)), std::max(side, qRound(image.height() * s)),
                              Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    const int x = (scaled.width() - side) / 2;
    const int y = (scaled.height() - side) / 2;
    return scaled.copy(x, y, side, side).convertToFormat(QImage::Format_RGB888);
}

ImageRecord ImageLoader::loadFile(const QString &path) const
{
    const QFileInfo info(path);
    if (!info.isFile())
        core::fail(core::ErrorCode::Io, "{}: not a readable file", path.toStdString());
    const QImage decoded = qimageFromTensor(imaging::readImage(path.toStdString()));
    ImageRecord record;
    record.path = info.absoluteFilePath();
    record.name = info.fileName();
    record.originalSize = decoded.size();
    record.input = cropToInput(decoded);
    record.thumbnail = ImageRecord::makeThumbnail(decoded);
    return record;
}

ImageLoadResult ImageLoader::load(const QStringList &paths, const std::atomic<bool> &cancelled,
                                  const Progress &progress) const
{
    ImageLoadResult result;
    const QStringList files = expand(paths, result.skippedFiles);
    for (int i = 0; i < files.size() && !cancelled.load(); ++i) {
        if (progress)
            progress(double(i) / files.size(), QFileInfo(files[i]).fileName());
        try {
            result.records.push_back(loadFile(files[i]));
        } catch (const std::exception &e) { // core::Error from imaging, or a translated LibTorch error
            result.errors.push_back({files[i], QString::fromStdString(core::torchMessage(e))});
        }
    }
    return result;
}

} // namespace bcos::widgets
