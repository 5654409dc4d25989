#pragma once

#include <QByteArray>
#include <QHash>
#include <QImage>
#include <QMetaType>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bcos::widgets {

/// One image of the session, decoded off the GUI thread: a small record. What the model sees (shorter side
/// resized, centre crop) is not kept here: jobs read it through the InputReader, which decodes the file again
/// (or reads the explanation store) when the InputCache no longer holds it.
struct ImageRecord {
    QString path;        ///< absolute file path, or storeImagePath() for an explanation store's image
    QString name;        ///< file name shown in the views
    QSize originalSize;  ///< decoded size in pixels
    QByteArray thumbnail; ///< browser thumbnail, encoded (PNG up to 64 x 64 pixels, JPEG above: a few KB instead
                          ///< of 110 KB per image): at most thumbnailSide() pixels, never larger than the image.
                          ///< The browser decodes the rows it shows (thumbnailImage()) into a bounded cache.
    int label = -1;      ///< ground-truth class (images from a dataset split, a class folder); -1 = unlabelled
    /// Found in a dropped folder's class folder (classRoot/classFolder/...): its label follows the model's classes
    /// (Document, core::classOrder). Empty for images dropped as files, images directly in the folder, datasets.
    QString classRoot;
    QString classFolder;

    static int thumbnailSide() { return 192; }
    /// The encoded thumbnail of `image`: shrunk to fit thumbnailSide() (smooth, aspect kept), smaller images as
    /// they are; lossless PNG for small images (28 px digits stay exact), JPEG (quality 90) for photos. `file`, the
    /// image file's bytes when keepsFileAsThumbnail(), is kept as it is if it is a PNG (nothing to encode).
    static QByteArray makeThumbnail(const QImage &image, const QByteArray &file = {});
    /// Whether an image of `size` pixels stored in `fileBytes` bytes is its own thumbnail when its file is a PNG:
    /// small images (at most 64 x 64 pixels) in files of at most 16 KiB.
    static bool keepsFileAsThumbnail(const QSize &size, qint64 fileBytes);
    /// The decoded thumbnail; null when there is none.
    QImage thumbnailImage() const;
};

/// A file that could not be added, with a message for the log.
struct ImageLoadError {
    QString path;
    QString message;
};

/// The outcome of loading a list of dropped/opened paths (folders expanded).
struct ImageLoadResult {
    QVector<ImageRecord> records;
    QVector<ImageLoadError> errors;
    int skippedFiles = 0; ///< non-image files found inside folders (not errors)
    /// Per dropped folder with images in class folders (classRoot of its records): its class folders, sorted, those
    /// without images too (imaging::classFolders: numbered as bcos evaluate numbers them).
    QHash<QString, QStringList> classFolders;
};

} // namespace bcos::widgets

Q_DECLARE_METATYPE(bcos::widgets::ImageRecord)
