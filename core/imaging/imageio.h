#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace bcos::imaging {

/// OpenCV's version string ("4.6.0").
std::string opencvVersion();

/// The largest image readImage() accepts (width * height): 100 megapixels.
constexpr int64_t kMaxImagePixels = 100'000'000;

/// Decodes an image file (PNG, JPEG, BMP, TIFF, WebP, PNM, JPEG 2000, Sun raster; the signature is checked
/// before OpenCV sees the file) into a float32 tensor [3, H, W] in [0, 1], RGB.
/// Grayscale is replicated to 3 channels, alpha is dropped, 16-bit is scaled by 1/65535, EXIF orientation is
/// applied. Throws core::Error{Io|Format} naming the file when it cannot be read or decoded, Error{Unsupported}
/// for DICOM files and for more than kMaxImagePixels pixels.
at::Tensor readImage(const std::filesystem::path &path);

/// The same decode as readImage(), as 8-bit RGB: uint8 [H, W, 3] equal to round(255 * readImage()) permuted to
/// [H, W, 3] (16-bit and float images are scaled and rounded; 8-bit ones are their bytes). A quarter of the
/// memory and no float conversion: what the studio keeps and shows. Throws as readImage().
at::Tensor readImageBytes(const std::filesystem::path &path);

/// Writes a [3, H, W] or [4, H, W] (RGBA) float tensor in [0, 1] as an 8-bit PNG (atomically).
void writePng(const std::filesystem::path &path, const at::Tensor &image);

} // namespace bcos::imaging
