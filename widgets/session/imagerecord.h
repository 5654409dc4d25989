#pragma once

#include <QImage>
#include <QMetaType>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

namespace bcos::widgets {

/// One image of the session, decoded off the GUI thread.
struct ImageRecord {
    QString path;        ///< absolute file path (or a demo name)
    QString name;        ///< file name shown in the views
    QSize originalSize;  ///< decoded size in pixels
    QImage input;        ///< what the model sees: shorter side resized, centre crop (RGB888)
    QImage thumbnail;    ///< browser thumbnail (at most thumbnailSide() pixels)
    int label = -1;      ///< ground-truth class (images from a dataset split); -1 = unlabelled

    static int thumbnailSide() { return 192; }
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
};

} // namespace bcos::widgets

Q_DECLARE_METATYPE(bcos::widgets::ImageRecord)
