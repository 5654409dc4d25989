#include "imageio.h"

#include "core/error.h"
#include "core/io/atomicfile.h"
#include "core/shape.h"

#include <ATen/ATen.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <string>
#include <string_view>

namespace bcos::imaging {

using core::ErrorCode;
using core::fail;

namespace {

/// OpenCV picks its decoder by signature, in order, and its last resort is GDCM's DICOM reader (any file with
/// "DICM" at offset 128), which abort()s the process on malformed input (found by image_fuzz). So a DICOM
/// marker is refused outright, and only the signatures below reach cv::imread.
bool looksLikeDicom(std::string_view head) { return head.size() >= 132 && head.substr(128, 4) == "DICM"; }

bool hasSupportedSignature(std::string_view head)
{
    const auto startsWith = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    if (startsWith("\x89PNG\r\n\x1a\n") || startsWith("\xff\xd8\xff") || startsWith("BM"))
        return true; // PNG, JPEG, BMP
    if (startsWith(std::string_view("II*\0", 4)) || startsWith(std::string_view("MM\0*", 4))
        || startsWith(std::string_view("II+\0", 4)) || startsWith(std::string_view("MM\0+", 4)))
        return true; // TIFF, BigTIFF
    if (startsWith("RIFF") && head.size() >= 12 && head.substr(8, 4) == "WEBP")
        return true;
    if (head.size() >= 2 && head[0] == 'P' && std::string_view("1234567Ff").find(head[1]) != std::string_view::npos)
        return true; // PBM/PGM/PPM, PAM, PFM
    if (startsWith(std::string_view("\0\0\0\x0cjP  ", 8)) || startsWith("\xff\x4f\xff\x51"))
        return true; // JPEG 2000 (JP2 box, raw codestream)
    // Not Radiance HDR: OpenCV 4.6's HDR decoder leaks a file descriptor for every file whose header it rejects
    // (found by image_fuzz, which ran out of descriptors); a studio session would do the same.
    return startsWith("\x59\xa6\x6a\x95"); // Sun raster
}

std::string fileHead(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(ErrorCode::Io, "{}: cannot open the image file", path.string());
    std::string head(132, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

/// The checked decode both readers share: the file's pixels as RGB, at the depth stored (8 or 16 bit, float).
cv::Mat decodeRgb(const std::filesystem::path &path)
{
    if (!std::filesystem::is_regular_file(path))
        fail(ErrorCode::Io, "{}: no such image file", path.string());
    const std::string head = fileHead(path);
    if (looksLikeDicom(head))
        fail(ErrorCode::Unsupported, "{}: DICOM files are not supported; convert the image to PNG or TIFF",
             path.string());
    if (!hasSupportedSignature(head))
        fail(ErrorCode::Format, "{}: not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP...)", path.string());
    cv::Mat decoded;
    try {
        decoded = cv::imread(path.string(), cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
    } catch (const cv::Exception &error) {
        fail(ErrorCode::Format, "{}: cannot decode image: {}", path.string(), error.msg);
    }
    if (decoded.empty())
        fail(ErrorCode::Format, "{}: not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP...)", path.string());
    // A float copy costs 12 bytes per pixel (twice while converting): refuse sizes that would need gigabytes.
    if (static_cast<int64_t>(decoded.rows) * decoded.cols > kMaxImagePixels)
        fail(ErrorCode::Unsupported, "{}: {}x{} pixels is more than the supported {} megapixels; scale the image down",
             path.string(), decoded.cols, decoded.rows, kMaxImagePixels / 1000000);
    cv::Mat rgb;
    switch (decoded.channels()) {
    case 1: cv::cvtColor(decoded, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(decoded, rgb, cv::COLOR_BGRA2RGB); break;
    default: fail(ErrorCode::Unsupported, "{}: {} colour channels are not supported", path.string(), decoded.channels());
    }
    return rgb;
}

/// The factor that maps a depth's full range to 1 (8 bit: 1/255, 16 bit: 1/65535, float: 1).
double unitScale(const cv::Mat &image)
{
    if (image.depth() == CV_16U)
        return 1.0 / 65535.0;
    if (image.depth() == CV_32F || image.depth() == CV_64F)
        return 1.0;
    return 1.0 / 255.0;
}

} // namespace

std::string opencvVersion() { return CV_VERSION; }

at::Tensor readImage(const std::filesystem::path &path)
{
    const cv::Mat rgb = decodeRgb(path);
    cv::Mat floats;
    rgb.convertTo(floats, CV_32FC3, unitScale(rgb));
    auto hwc = at::from_blob(floats.data, {floats.rows, floats.cols, 3}, at::kFloat);
    return hwc.permute({2, 0, 1}).clone().clamp_(0, 1);
}

at::Tensor readImageBytes(const std::filesystem::path &path)
{
    const cv::Mat rgb = decodeRgb(path);
    cv::Mat bytes = rgb;
    if (rgb.depth() != CV_8U) // rounded and saturated: round(255 * clamp(value, 0, 1)), as readImage() * 255
        rgb.convertTo(bytes, CV_8UC3, 255.0 * unitScale(rgb));
    if (!bytes.isContinuous())
        bytes = bytes.clone();
    return at::from_blob(bytes.data, {bytes.rows, bytes.cols, 3}, at::kByte).clone();
}

void writePng(const std::filesystem::path &path, const at::Tensor &image)
{
    if (image.dim() != 3 || (image.size(0) != 3 && image.size(0) != 4))
        fail(ErrorCode::InvalidArgument, "{}: expected a [3|4, H, W] image tensor, got {}", path.string(),
             core::shapeString(image.sizes()));
    const at::Tensor bytes =
        image.detach().to(at::kCPU, at::kFloat).clamp(0, 1).mul(255).round().to(at::kByte).permute({1, 2, 0}).contiguous();
    const int channels = static_cast<int>(image.size(0));
    cv::Mat view(static_cast<int>(bytes.size(0)), static_cast<int>(bytes.size(1)), CV_8UC(channels), bytes.data_ptr());
    cv::Mat bgr;
    cv::cvtColor(view, bgr, channels == 4 ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
    std::vector<uchar> encoded;
    if (!cv::imencode(".png", bgr, encoded))
        fail(ErrorCode::Io, "{}: PNG encoding failed", path.string());
    core::writeFileAtomically(path, [&](std::ostream &out) {
        out.write(reinterpret_cast<const char *>(encoded.data()), static_cast<std::streamsize>(encoded.size()));
    });
}

} // namespace bcos::imaging
