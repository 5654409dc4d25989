#include "tensorimage.h"

#include "core/error.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace bcos::widgets {

at::Tensor tensorFromImages(const QVector<QImage> &images)
{
    if (images.isEmpty())
        core::fail(core::ErrorCode::InvalidArgument, "tensorFromImages: no images");
    const QSize size = images.first().size();
    at::Tensor batch = at::empty({static_cast<int64_t>(images.size()), size.height(), size.width(), 3}, at::kByte);
    auto *dst = batch.data_ptr<uint8_t>();
    const size_t row = static_cast<size_t>(size.width()) * 3;
    for (const QImage &source : images) {
        if (source.size() != size)
            core::fail(core::ErrorCode::InvalidArgument, "tensorFromImages: image of {}x{} pixels in a batch of {}x{}",
                       source.width(), source.height(), size.width(), size.height());
        const QImage rgb = source.convertToFormat(QImage::Format_RGB888);
        for (int y = 0; y < size.height(); ++y, dst += row)
            std::copy_n(rgb.constScanLine(y), row, dst);
    }
    return batch.permute({0, 3, 1, 2}).to(at::kFloat).div(255.0).contiguous();
}

QImage imageFromTensor(const at::Tensor &image, bool chw)
{
    const at::Tensor hwc = (chw ? image.permute({1, 2, 0}) : image).detach().to(at::kCPU);
    return imageFromBytes((hwc.clamp(0, 1) * 255.0).round().to(at::kByte));
}

QImage imageFromBytes(const at::Tensor &hwc)
{
    const at::Tensor bytes = hwc.contiguous();
    const int height = static_cast<int>(bytes.size(0));
    const int width = static_cast<int>(bytes.size(1));
    QImage result(width, height, QImage::Format_RGB888);
    const auto *src = bytes.data_ptr<uint8_t>();
    for (int y = 0; y < height; ++y)
        std::copy_n(src + static_cast<size_t>(y) * width * 3, static_cast<size_t>(width) * 3, result.scanLine(y));
    return result;
}

} // namespace bcos::widgets
