#include "perturbationcurve.h"

#include "core/enumnames.h"
#include "core/error.h"

#include <torch/torch.h>

namespace bcos::core {
namespace {

constexpr EnumNames<PerturbationBaseline, 3> kBaselineNames{{
    {PerturbationBaseline::Zeros, "zeros"},
    {PerturbationBaseline::Blur, "blur"},
    {PerturbationBaseline::Mean, "mean"},
}};

std::string_view modeName(PerturbationMode mode) { return mode == PerturbationMode::Deletion ? "deletion" : "insertion"; }

/// Normalised k x k Gaussian, as RISE's gkern (a delta filtered by scipy's gaussian_filter, without its truncation).
at::Tensor gaussianKernel(int64_t size, double sigma)
{
    const at::Tensor x = torch::arange(size, torch::kDouble) - double(size / 2);
    const at::Tensor g = torch::exp(-x * x / (2 * sigma * sigma));
    const at::Tensor kernel = torch::outer(g, g);
    return kernel / kernel.sum();
}

/// c_k = floor(k U / steps), k = 0..steps -> [S] int64.
at::Tensor unitCounts(int64_t units, int64_t steps)
{
    return torch::arange(steps + 1, torch::kLong).mul(units).div(steps, "floor");
}

} // namespace

std::string_view perturbationBaselineName(PerturbationBaseline baseline) { return enumName(kBaselineNames, baseline); }

PerturbationBaseline parsePerturbationBaseline(std::string_view name)
{
    if (const auto baseline = enumFromName(kBaselineNames, name))
        return *baseline;
    fail(ErrorCode::InvalidArgument, "unknown perturbation baseline '{}' (expected {})", name, namesWithOr(kBaselineNames));
}

void checkPerturbationOptions(const PerturbationOptions &options, int64_t height, int64_t width)
{
    const std::string_view metric = modeName(options.mode);
    if (options.steps < 1)
        fail(ErrorCode::InvalidArgument, "{}: steps must be >= 1, got {}", metric, options.steps);
    if (options.patchSize < 1 || height % options.patchSize != 0 || width % options.patchSize != 0)
        fail(ErrorCode::InvalidArgument, "{}: the {} x {} maps are not divisible into {} x {} patches", metric, height,
             width, options.patchSize, options.patchSize);
    if (options.blurKernel < 1 || options.blurKernel % 2 == 0 || !(options.blurSigma > 0))
        fail(ErrorCode::InvalidArgument, "{}: the blur needs an odd kernel >= 1 and sigma > 0, got {} and {}", metric,
             options.blurKernel, options.blurSigma);
    checkBatchSize(metric, options.batchSize);
}

at::Tensor perturbationBaseline(const at::Tensor &images, PerturbationBaseline baseline, const PerturbationOptions &options)
{
    switch (baseline) {
    case PerturbationBaseline::Zeros:
        return torch::zeros_like(images);
    case PerturbationBaseline::Mean:
        return images.mean({2, 3}, true).expand_as(images).contiguous();
    case PerturbationBaseline::Blur: {
        namespace F = torch::nn::functional;
        const int64_t channels = images.size(1), k = options.blurKernel;
        const at::Tensor kernel = gaussianKernel(k, options.blurSigma).to(images.options()).expand({channels, 1, k, k});
        return F::conv2d(images, kernel, F::Conv2dFuncOptions().padding(k / 2).groups(channels));
    }
    }
    return torch::zeros_like(images);
}

at::Tensor unitRanks(const at::Tensor &maps, int64_t patchSize)
{
    namespace F = torch::nn::functional;
    const int64_t n = maps.size(0), h = maps.size(1) / patchSize, w = maps.size(2) / patchSize;
    at::Tensor units = maps;
    if (patchSize > 1) // patch sums: the mean times p^2 ranks the same
        units = F::avg_pool2d(maps.unsqueeze(1), F::AvgPool2dFuncOptions(patchSize)).squeeze(1);
    const at::Tensor order = std::get<1>(units.reshape({n, h * w}).sort(/*stable=*/true, 1, /*descending=*/true));
    const at::Tensor positions = torch::arange(h * w, order.options()).expand({n, h * w});
    return torch::empty_like(order).scatter_(1, order, positions).view({n, h, w});
}

PerturbationCurves perturbationCurves(const ScoreFunction &score, const at::Tensor &images, const at::Tensor &targets,
                                      const at::Tensor &maps, const PerturbationOptions &options,
                                      const MetricProgress &progress)
{
    const std::string_view metric = modeName(options.mode);
    const at::Tensor values = checkedMaps(metric, maps);
    checkImagesAndTargets(metric, images, targets, values);
    checkPerturbationOptions(options, values.size(1), values.size(2));
    requireNonZeroMaps(metric, values, "it gives no order to perturb the pixels in");

    const bool deletion = options.mode == PerturbationMode::Deletion;
    const PerturbationBaseline kind = options.baseline.value_or(deletion ? PerturbationBaseline::Zeros
                                                                          : PerturbationBaseline::Blur);
    const int64_t n = images.size(0), s = options.steps + 1, p = options.patchSize;
    const at::Tensor baseline = perturbationBaseline(images, kind, options);
    const at::Tensor ranks = unitRanks(values, p).to(images.device());
    const int64_t units = ranks.size(1) * ranks.size(2);
    const at::Tensor counts = unitCounts(units, options.steps);
    const at::Tensor countsOnDevice = counts.to(images.device());
    const at::Tensor labels = targets.to(images.device(), torch::kLong);

    // Flat (image, step) pairs in chunks: at most batchSize perturbed images exist at a time.
    const int64_t total = n * s;
    at::Tensor scores = torch::empty({total}, torch::kDouble);
    const auto indexOptions = torch::TensorOptions().dtype(torch::kLong).device(images.device());
    for (int64_t begin = 0; begin < total; begin += options.batchSize) {
        const int64_t end = std::min(total, begin + options.batchSize);
        const at::Tensor flat = torch::arange(begin, end, indexOptions);
        const at::Tensor image = flat.div(s, "floor"), step = flat.remainder(s);
        at::Tensor mask = ranks.index_select(0, image).lt(countsOnDevice.index_select(0, step).view({-1, 1, 1}));
        if (p > 1)
            mask = mask.repeat_interleave(p, 1).repeat_interleave(p, 2);
        mask = mask.unsqueeze(1);
        const at::Tensor x = images.index_select(0, image), b = baseline.index_select(0, image);
        const at::Tensor perturbed = deletion ? torch::where(mask, b, x) : torch::where(mask, x, b);
        scores.slice(0, begin, end).copy_(chunkedScores(score, perturbed, labels.index_select(0, image), end - begin));
        reportMetricProgress(metric, progress, end, total);
    }

    PerturbationCurves curves;
    curves.fractions = counts.to(torch::kDouble) / double(units);
    curves.scores = scores.view({n, s});
    const at::Tensor widths = curves.fractions.diff();
    const at::Tensor heights = (curves.scores.slice(1, 0, s - 1) + curves.scores.slice(1, 1, s)) / 2;
    curves.auc = (heights * widths).sum(1);
    return curves;
}

} // namespace bcos::core
