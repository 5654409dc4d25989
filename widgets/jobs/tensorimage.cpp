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
    std::vector<at::Tensor> batch;
    batch.reserve(static_cast<size_t>(images.size()));
    for (const QImage &source : images) {
        if (source.size() != size)
            core::fail(core::ErrorCode::InvalidArgument, "tensorFromImages: image of {}x{} pixels in a batch of {}x{}",
                       source.width(), source.height(), size.width(), size.height());
        batch.push_back(bytesFromImage(source));
    }
    return at::stack(batch).permute({0, 3, 1, 2}).to(at::kFloat).div(255.0).contiguous();
}

at::Tensor bytesFromImage(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    at::Tensor bytes = at::empty({rgb.height(), rgb.width(), 3}, at::kByte);
    const size_t row = static_cast<size_t>(rgb.width()) * 3;
    auto *dst = bytes.data_ptr<uint8_t>();
    for (int y = 0; y < rgb.height(); ++y, dst += row)
        std::copy_n(rgb.constScanLine(y), row, dst);
    return bytes;
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
