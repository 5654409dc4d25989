#include "augment.h"

#include "random.h"

#include <torch/torch.h>

#include <cmath>

namespace bcos::core {
namespace {

namespace F = torch::nn::functional;

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
        .clamp_(0.0, 1.0);
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

at::Tensor resizeCentreCrop(const at::Tensor &image, const AugmentOptions &options)
{
    const int64_t height = image.size(1), width = image.size(2);
    const auto shorter = static_cast<double>(std::min(height, width));
    const double side = std::max<double>(static_cast<double>(options.size),
                                         std::round(static_cast<double>(options.size) * options.evalResizeRatio));
    const auto h = static_cast<int64_t>(std::lround(static_cast<double>(height) * side / shorter));
    const auto w = static_cast<int64_t>(std::lround(static_cast<double>(width) * side / shorter));
    const auto resized = resizeTo(image, h, w);
    const int64_t top = (h - options.size) / 2, left = (w - options.size) / 2;
    return resized.slice(1, top, top + options.size).slice(2, left, left + options.size);
}

} // namespace

at::Tensor augmentImage(const at::Tensor &image, const AugmentOptions &options, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    if (!options.train)
        return options.size > 0 ? resizeCentreCrop(image, options).contiguous() : image;
    std::mt19937_64 rng(seed);
    at::Tensor out = options.size > 0 ? randomResizedCrop(image, options, rng) : image;
    if (options.horizontalFlip && (rng() & 1U))
        out = out.flip({2});
    return out.contiguous();
}

} // namespace bcos::core
