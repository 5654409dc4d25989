#include "augment.h"

#include "random.h"

#include "core/error.h"
#include "core/shape.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace bcos::core {
namespace {

namespace F = torch::nn::functional;

/// A training crop resized to height x width and rounded to 8 bits, round(255 * x) / 255: torchvision crops and
/// resizes the 8-bit PIL images of the authors' pipeline in 8 bits, and every input outside training is 8-bit
/// (modelInput), so a crop holds the same values as bytes / 255. A crop of that size already is returned as it is.
at::Tensor resizeTo(const at::Tensor &image, int64_t height, int64_t width)
{
    if (image.size(1) == height && image.size(2) == width)
        return image;
    const bool down = height < image.size(1) || width < image.size(2);
    return F::interpolate(image.unsqueeze(0), F::InterpolateFuncOptions()
                                                  .size(std::vector<int64_t>{height, width})
                                                  .mode(torch::kBilinear)
                                                  .align_corners(false)
                                                  .antialias(down))
        .squeeze(0)
        .mul_(255.0)
        .round_()
        .clamp_(0.0, 255.0)
        .div_(255.0);
}

/// torchvision RandomResizedCrop: area fraction in [minScale, 1], log-uniform aspect in [3/4, 4/3],
/// 10 attempts, then a centre crop of the whole image clamped to that aspect range.
at::Tensor randomResizedCrop(const at::Tensor &image, const AugmentOptions &options, std::mt19937_64 &rng)
{
    const int64_t height = image.size(1), width = image.size(2);
    const double area = static_cast<double>(height * width);
    const double logLo = std::log(3.0 / 4.0), logHi = std::log(4.0 / 3.0);
    for (int attempt = 0; attempt < 10; ++attempt) {
        const double target = area * (options.minScale + (1.0 - options.minScale) * uniform01(rng));
        const double aspect = std::exp(logLo + (logHi - logLo) * uniform01(rng));
        const auto w = static_cast<int64_t>(std::lround(std::sqrt(target * aspect)));
        const auto h = static_cast<int64_t>(std::lround(std::sqrt(target / aspect)));
        if (w > 0 && h > 0 && w <= width && h <= height) {
            const auto top = static_cast<int64_t>(rng() % static_cast<uint64_t>(height - h + 1));
            const auto left = static_cast<int64_t>(rng() % static_cast<uint64_t>(width - w + 1));
            return resizeTo(image.slice(1, top, top + h).slice(2, left, left + w), options.size, options.size);
        }
    }
    const double ratio = static_cast<double>(width) / static_cast<double>(height);
    int64_t w = width, h = height;
    if (ratio < 3.0 / 4.0)
        h = std::lround(static_cast<double>(w) / (3.0 / 4.0));
    else if (ratio > 4.0 / 3.0)
        w = std::lround(static_cast<double>(h) * (4.0 / 3.0));
    const int64_t top = (height - h) / 2, left = (width - w) / 2;
    return resizeTo(image.slice(1, top, top + h).slice(2, left, left + w), options.size, options.size);
}

/// torchvision's CenterCrop offset: round((extent - size) / 2) with halves to even, as Python's round().
int64_t centreOffset(int64_t extent, int64_t size)
{
    const int64_t twice = extent - size;
    const int64_t half = twice / 2;
    return twice % 2 == 0 || half % 2 == 0 ? half : half + 1;
}

} // namespace

at::Tensor augmentImage(const at::Tensor &image, const AugmentOptions &options, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    if (!options.train) {
        if (options.size <= 0)
            return image;
        const auto side = static_cast<int64_t>(std::max<double>(
            static_cast<double>(options.size), std::round(static_cast<double>(options.size) * options.evalResizeRatio)));
        return modelInput(image, options.size, side);
    }
    std::mt19937_64 rng(seed);
    at::Tensor out = options.size > 0 ? randomResizedCrop(image, options, rng) : image;
    if (options.horizontalFlip && (rng() & 1U))
        out = out.flip({2});
    return out.contiguous();
}

at::Tensor modelInputBytes(const at::Tensor &image, int64_t inputSize, int64_t resizeSize)
{
    torch::NoGradGuard noGrad;
    if (image.dim() != 3 || image.size(0) != 3 || image.size(1) < 1 || image.size(2) < 1)
        fail(ErrorCode::InvalidArgument, "expected an image [3, H, W], got {}", shapeString(image.sizes()));
    if (inputSize < 1)
        fail(ErrorCode::InvalidArgument, "input size must be positive, got {}", inputSize);
    const int64_t shorterSide = resizeSize > 0 ? resizeSize : inputSize;
    if (shorterSide < inputSize)
        fail(ErrorCode::InvalidArgument, "resize size {} is smaller than the input size {}", shorterSide, inputSize);
    at::Tensor bytes = image.scalar_type() == at::kByte ? image
                                                         : image.to(at::kFloat)
                                                               .nan_to_num(0.0, 1.0, 0.0) // NaN has no byte
                                                               .clamp(0.0, 1.0)
                                                               .mul(255.0)
                                                               .round()
                                                               .to(at::kByte);
    const int64_t height = bytes.size(1), width = bytes.size(2);
    const int64_t shorter = std::min(height, width);
    if (shorter != shorterSide) { // torchvision's Resize(int): the longer side is floor(side * longer / shorter)
        const int64_t h = height == shorter ? shorterSide : std::max<int64_t>(1, height * shorterSide / shorter);
        const int64_t w = height == shorter ? std::max<int64_t>(1, width * shorterSide / shorter) : shorterSide;
        if (h * w > kMaxResizedPixels) // a 1 x 100,000 pixel strip would be 224 x 22,400,000 (60 GB as floats)
            fail(ErrorCode::InvalidArgument,
                 "an image of {} x {} pixels (width x height) resized to a shorter side of {} would be {} x {} "
                 "pixels, over {} megapixels",
                 width, height, shorterSide, w, h, kMaxResizedPixels / 1'000'000);
        bytes = F::interpolate(bytes.unsqueeze(0).to(at::kFloat), F::InterpolateFuncOptions()
                                                                      .size(std::vector<int64_t>{h, w})
                                                                      .mode(torch::kBilinear)
                                                                      .align_corners(false)
                                                                      .antialias(true))
                    .squeeze(0)
                    .round()
                    .clamp(0.0, 255.0)
                    .to(at::kByte);
    }
    const int64_t top = centreOffset(bytes.size(1), inputSize), left = centreOffset(bytes.size(2), inputSize);
    return bytes.slice(1, top, top + inputSize).slice(2, left, left + inputSize).contiguous();
}

at::Tensor modelInput(const at::Tensor &image, int64_t inputSize, int64_t resizeSize)
{
    return modelInputBytes(image, inputSize, resizeSize).to(at::kFloat).div(255.0);
}

} // namespace bcos::core
