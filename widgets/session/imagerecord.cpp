#include "imagerecord.h"

#include <QBuffer>

namespace bcos::widgets {

QByteArray ImageRecord::makeThumbnail(const QImage &image)
{
    if (image.isNull())
        return {};
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
