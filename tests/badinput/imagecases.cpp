// Unusual but valid images: grayscale, 16-bit, alpha, CMYK JPEG, EXIF rotation, 1x1, BMP/TIFF/WebP/PPM.
#include "tests/badinput/imagecases.h"
#include "tests/badinput/inputbuilders.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>
#include "tests/support/buildpaths.h"

namespace bcos::test {
namespace {

/// Every pixel of channel c of `image` is within `tolerance` of rgb[c].
void expectUniform(const at::Tensor &image, const std::array<double, 3> &rgb, double tolerance)
{
    ASSERT_EQ(image.dim(), 3);
    ASSERT_EQ(image.size(0), 3);
    for (int64_t c = 0; c < 3; ++c) {
        EXPECT_NEAR(image[c].min().item<double>(), rgb[static_cast<size_t>(c)], tolerance) << "channel " << c;
        EXPECT_NEAR(image[c].max().item<double>(), rgb[static_cast<size_t>(c)], tolerance) << "channel " << c;
    }
}

void writeMat(const std::filesystem::path &file, const cv::Mat &mat)
{
    ASSERT_TRUE(cv::imwrite(file.string(), mat)) << file;
}

/// An APP1 EXIF segment with one IFD entry: Orientation (0x0112, SHORT) = `orientation`.
std::string exifOrientationSegment(std::uint16_t orientation)
{
    std::string tiff("MM\0\x2a\0\0\0\x08", 8); // big-endian TIFF header, IFD at 8
    tiff += std::string("\0\x01", 2); // one entry
    tiff += std::string("\x01\x12\0\x03\0\0\0\x01", 8); // tag 0x0112, type SHORT, count 1
    tiff += std::string{'\0', static_cast<char>(orientation), '\0', '\0'};
    tiff += std::string(4, '\0'); // no next IFD
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const auto length = static_cast<std::uint16_t>(payload.size() + 2);
    return std::string("\xff\xe1", 2) + static_cast<char>(length >> 8) + static_cast<char>(length & 0xff) + payload;
}

} // namespace

std::vector<UnusualImageCase> unusualImageCases()
{
    std::vector<UnusualImageCase> rows;
    rows.push_back({"image.grayscale", "8-bit single-channel PNG, value 128", "3 equal channels of 128/255", "gray.png",
                    [](const auto &file) { writeMat(file, cv::Mat(5, 7, CV_8UC1, cv::Scalar(128))); },
                    [](const at::Tensor &image) {
                        EXPECT_EQ(image.sizes(), (std::vector<int64_t>{3, 5, 7}));
                        expectUniform(image, {128 / 255.0, 128 / 255.0, 128 / 255.0}, 1e-6);
                    }});
    rows.push_back({"image.grayscale-16bit", "16-bit single-channel PNG, value 40000",
                    "3 equal channels of 40000/65535", "gray16.png",
                    [](const auto &file) { writeMat(file, cv::Mat(4, 4, CV_16UC1, cv::Scalar(40000))); },
                    [](const at::Tensor &image) {
                        expectUniform(image, {40000 / 65535.0, 40000 / 65535.0, 40000 / 65535.0}, 1e-6);
                    }});
    rows.push_back({"image.rgb-16bit", "16-bit RGB PNG, RGB (65535, 30000, 1000)",
                    "RGB (1, 30000/65535, 1000/65535): scaled by 1/65535, not clipped", "rgb16.png",
                    [](const auto &file) { writeMat(file, cv::Mat(4, 4, CV_16UC3, cv::Scalar(1000, 30000, 65535))); },
                    [](const at::Tensor &image) {
                        expectUniform(image, {1.0, 30000 / 65535.0, 1000 / 65535.0}, 1e-6);
                    }});
    rows.push_back({"image.alpha", "RGBA PNG, RGB (200, 100, 50), alpha 0 (fully transparent)",
                    "RGB (200, 100, 50)/255: alpha dropped, colour kept", "alpha.png",
                    [](const auto &file) { writeMat(file, cv::Mat(3, 3, CV_8UC4, cv::Scalar(50, 100, 200, 0))); },
                    [](const at::Tensor &image) {
                        expectUniform(image, {200 / 255.0, 100 / 255.0, 50 / 255.0}, 1e-6);
                    }});
    rows.push_back({"image.cmyk-jpeg", "Adobe CMYK JPEG (fixture), left half red, right half blue",
                    "RGB: left half red, right half blue (within JPEG error)", "cmyk.jpg",
                    [](const auto &file) {
                        std::filesystem::copy_file(
                            sourceDir() + "/tests/badinput/fixtures/cmyk-red-blue.jpg", file);
                    },
                    [](const at::Tensor &image) {
                        EXPECT_EQ(image.sizes(), (std::vector<int64_t>{3, 8, 16}));
                        expectUniform(image.slice(2, 0, 6), {1.0, 0.0, 0.0}, 0.02);
                        expectUniform(image.slice(2, 10, 16), {0.0, 0.0, 1.0}, 0.02);
                    }});
    rows.push_back({"image.exif-rotated", "JPEG stored 16 wide x 8 high (left red, right blue) with EXIF Orientation 6",
                    "upright: 8 wide x 16 high, top half red, bottom half blue", "exif.jpg",
                    [](const auto &file) {
                        cv::Mat stored(8, 16, CV_8UC3, cv::Scalar(255, 0, 0)); // BGR blue
                        stored(cv::Rect(0, 0, 8, 8)).setTo(cv::Scalar(0, 0, 255)); // left half red
                        std::vector<uchar> jpeg;
                        ASSERT_TRUE(cv::imencode(".jpg", stored, jpeg, {cv::IMWRITE_JPEG_QUALITY, 100}));
                        std::string bytes(jpeg.begin(), jpeg.end());
                        bytes.insert(2, exifOrientationSegment(6)); // right after SOI
                        writeFile(file, bytes);
                    },
                    [](const at::Tensor &image) {
                        EXPECT_EQ(image.sizes(), (std::vector<int64_t>{3, 16, 8}));
                        expectUniform(image.slice(1, 0, 6), {1.0, 0.0, 0.0}, 0.02);
                        expectUniform(image.slice(1, 10, 16), {0.0, 0.0, 1.0}, 0.02);
                    }});
    rows.push_back({"image.1x1", "a single-pixel PNG, RGB (255, 0, 128)", "[3, 1, 1] = (1, 0, 128/255)", "one.png",
                    [](const auto &file) { writeMat(file, cv::Mat(1, 1, CV_8UC3, cv::Scalar(128, 0, 255))); },
                    [](const at::Tensor &image) {
                        EXPECT_EQ(image.sizes(), (std::vector<int64_t>{3, 1, 1}));
                        expectUniform(image, {1.0, 0.0, 128 / 255.0}, 1e-6);
                    }});
    // The other formats readImage lets through to OpenCV (core/imaging/imageio.cpp checks the signature first).
    const auto formatRow = [&rows](const char *name, const char *what, const char *file, double tolerance,
                                   std::vector<int> params = {}) {
        rows.push_back({name, what, "RGB (200, 100, 50)/255", file,
                        [params](const auto &path) {
                            ASSERT_TRUE(cv::imwrite(path.string(), cv::Mat(6, 5, CV_8UC3, cv::Scalar(50, 100, 200)),
                                                    params))
                                << path;
                        },
                        [tolerance](const at::Tensor &image) {
                            EXPECT_EQ(image.sizes(), (std::vector<int64_t>{3, 6, 5}));
                            expectUniform(image, {200 / 255.0, 100 / 255.0, 50 / 255.0}, tolerance);
                        }});
    };
    formatRow("image.bmp", "24-bit BMP, RGB (200, 100, 50)", "colour.bmp", 1e-6);
    formatRow("image.tiff", "8-bit RGB TIFF, RGB (200, 100, 50)", "colour.tif", 1e-6);
    formatRow("image.webp", "lossless WebP, RGB (200, 100, 50)", "colour.webp", 1e-6, {cv::IMWRITE_WEBP_QUALITY, 101});
    formatRow("image.ppm", "binary PPM (P6), RGB (200, 100, 50)", "colour.ppm", 1e-6);
    return rows;
}

} // namespace bcos::test
