#include "imagerecord.h"

#include <QBuffer>

namespace bcos::widgets {

bool ImageRecord::keepsFileAsThumbnail(const QSize &size, qint64 fileBytes)
{
    return size.width() <= 64 && size.height() <= 64 && fileBytes > 0 && fileBytes <= 16 * 1024;
}

QByteArray ImageRecord::makeThumbnail(const QImage &image, const QByteArray &file)
{
    if (image.isNull())
        return {};
    if (keepsFileAsThumbnail(image.size(), file.size()) && file.startsWith("\x89PNG\r\n\x1a\n"))
        return file;
    const int t = thumbnailSide();
    const QImage shrunk = image.width() <= t && image.height() <= t
        ? image
        : image.scaled(t, t, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const bool small = shrunk.width() <= 64 && shrunk.height() <= 64;
    shrunk.save(&buffer, small ? "PNG" : "JPG", small ? -1 : 90);
    return bytes;
}

QImage ImageRecord::thumbnailImage() const
{
    QImage image;
    if (!thumbnail.isEmpty())
        image.loadFromData(thumbnail);
    return image;
}

} // namespace bcos::widgets
