#pragma once

#include <QImage>
#include <QVector>

#include <ATen/core/Tensor.h>

namespace bcos::widgets {

/// Images (any QImage format, all the same size) -> float32 [N, 3, H, W] in [0, 1]. Worker threads only.
at::Tensor tensorFromImages(const QVector<QImage> &images);
/// float [H, W, 3] or [3, H, W] (chw = true) in [0, 1] -> QImage RGB888 (deep copy).
QImage imageFromTensor(const at::Tensor &image, bool chw = false);
/// Any QImage -> uint8 [H, W, 3], its RGB888 bytes (the inverse of imageFromBytes()).
at::Tensor bytesFromImage(const QImage &image);
/// uint8 [H, W, 3] (CPU) -> QImage RGB888 (deep copy).
QImage imageFromBytes(const at::Tensor &hwc);

} // namespace bcos::widgets
