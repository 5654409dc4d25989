#pragma once

#include <QStringList>

namespace bcos::widgets {

/// Writes a few synthetic test patterns (rings, stripes, checkerboard with a disc, colour wheel) as PNGs
/// into `dir` and returns their paths. Safe on a worker thread (QImage/QPainter on images only).
/// They exercise the pipeline; they are not natural images and no model was trained on them.
QStringList writeDemoImages(const QString &dir);

} // namespace bcos::widgets
