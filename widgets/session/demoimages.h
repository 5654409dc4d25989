#pragma once

#include <QStringList>

class QImage;

namespace bcos::widgets {

/// Writes `image` to `path` as a PNG through a temporary file renamed over `path`, so a reader (another studio,
/// another test process writing the same demo files) sees the old file or the new one, never a half-written one.
/// Throws core::Error (Io) naming `path` and `what` ("a dataset image") when it cannot be written.
void savePngAtomically(const QImage &image, const QString &path, const char *what);

/// Writes a few synthetic test patterns (rings, stripes, checkerboard with a disc, colour wheel) as PNGs
/// into `dir` and returns their paths. Safe on a worker thread (QImage/QPainter on images only).
/// They exercise the pipeline; they are not natural images and no model was trained on them.
QStringList writeDemoImages(const QString &dir);

} // namespace bcos::widgets
