#include "randomisation.h"

#include "core/error.h"
#include "core/eval/metrics/statistics.h"
#include "core/shape.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace bcos::core {
namespace {

constexpr std::string_view kMetric = "model randomisation";

/// The weight tensors of randomisableLayers(), in the same order.
std::vector<at::Tensor> layerWeights(torch::nn::Module &model, std::vector<std::string> *names)
{
    std::vector<at::Tensor> weights;
    const auto add = [&](const torch::nn::Module &module, const std::string &name) {
        const auto parameters = module.named_parameters(/*recurse=*/false); // find() points into it: keep it alive
        const at::Tensor *weight = parameters.find("weight");
        if (weight && weight->dim() >= 2) {
            weights.push_back(*weight);
            if (names)
                names->push_back(name);
        }
    };
    // The model itself first (it may be a single layer), then its submodules in registration order; the model
    // need not be held by a shared_ptr (named_modules() without include_self).
    add(model, "(model)");
    for (const auto &item : model.named_modules("", /*include_self=*/false))
        add(*item.value(), item.key());
    std::reverse(weights.begin(), weights.end());
    if (names)
        std::reverse(names->begin(), names->end());
    return weights;
}

/// Puts the original weights back when it goes out of scope (normal end, error or cancellation).
class WeightRestorer {
public:
    explicit WeightRestorer(const std::vector<at::Tensor> &weights) : m_weights(weights)
    {
        for (const at::Tensor &weight : weights)
            m_saved.push_back(weight.detach().clone());
    }
    ~WeightRestorer() { restore(); }
    WeightRestorer(const WeightRestorer &) = delete;
    WeightRestorer &operator=(const WeightRestorer &) = delete;

    void restore()
    {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < m_weights.size(); ++i)
            m_weights[i].copy_(m_saved[i]);
    }

private:
    std::vector<at::Tensor> m_weights;
    std::vector<at::Tensor> m_saved;
};

/// Layer l (from the top) <- N(mean, std^2) of its current (original) values, from a generator seeded by (seed, l).
void randomiseLayer(const at::Tensor &weight, uint64_t seed, size_t layer)
{
    at::Generator generator = at::detail::createCPUGenerator(seed * 0x9e3779b97f4a7c15ULL + layer);
    const at::Tensor values = weight.detach().to(torch::kDouble);
    const double mean = values.mean().item<double>(), std = values.std(/*unbiased=*/false).item<double>();
    const at::Tensor noise = torch::randn(weight.sizes(), generator, torch::kDouble) * std + mean;
    torch::NoGradGuard noGrad;
    weight.copy_(noise.to(weight.options()));
}

std::vector<int64_t> stageCounts(int64_t layers, int64_t stages)
{
    std::vector<int64_t> counts;
    if (stages == 0)
        for (int64_t l = 1; l <= layers; ++l)
            counts.push_back(l);
    for (int64_t s = 1; s <= stages; ++s)
        counts.push_back(std::max<int64_t>(1, std::llround(double(s * layers) / double(stages))));
    return counts;
}

/// Explained maps [B, H, W] as compared: detached double, |a| when asked.
at::Tensor comparedMaps(const BatchExplainer &explainer, const at::Tensor &images, const at::Tensor &targets,
                        bool absolute)
{
    const at::Tensor maps = explainer(images, targets);
    if (!maps.defined() || maps.dim() != 3 || maps.size(0) != images.size(0))
        fail(ErrorCode::InvalidArgument, "{}: the explainer returned {} for {} images (expected [B, H, W])", kMetric,
             maps.defined() ? shapeString(maps.sizes()) : std::string("no tensor"), images.size(0));
    const at::Tensor values = maps.detach().to(torch::kCPU, torch::kDouble);
    return absolute ? values.abs() : values;
}

/// One chunk of images x [B, 3, H, W], targets t [B] through the cascade -> [B, S] similarities. `step` counts
/// the explainer calls after the original one for progress; the caller restores the weights.
at::Tensor chunkSimilarities(const std::vector<at::Tensor> &weights, const std::vector<int64_t> &counts,
                             const BatchExplainer &explainer, const at::Tensor &x, const at::Tensor &t, int64_t first,
                             const RandomisationOptions &options, const std::function<void()> &step)
{
    const at::Tensor original = comparedMaps(explainer, x, t, options.absolute);
    for (int64_t i = 0; i < x.size(0); ++i)
        if (original[i].eq(0).all().item<bool>())
            fail(ErrorCode::InvalidArgument, "{}: attribution map {} is all zero (nothing to compare with)", kMetric,
                 first + i);
    at::Tensor similarity = torch::empty({x.size(0), int64_t(counts.size())}, torch::kDouble);
    size_t randomised = 0;
    for (size_t s = 0; s < counts.size(); ++s) {
        for (; randomised < size_t(counts[s]); ++randomised) // cumulative: the top layers stay randomised
            randomiseLayer(weights[randomised], options.seed, randomised);
        const at::Tensor maps = comparedMaps(explainer, x, t, options.absolute);
        for (int64_t i = 0; i < x.size(0); ++i)
            similarity[i][int64_t(s)] = spearmanCorrelation(original[i].flatten(), maps[i].flatten());
        step();
    }
    return similarity;
}

RandomisationResult randomiseAndCompare(torch::nn::Module &model, const BatchExplainer &explainer,
                                        const at::Tensor &images, const at::Tensor &targets,
                                        const RandomisationOptions &options, const MetricProgress &progress)
{
    RandomisationResult result;
    const std::vector<at::Tensor> weights = layerWeights(model, &result.layers);
    if (weights.empty())
        fail(ErrorCode::InvalidArgument, "{}: the model has no layer with a weight matrix or kernel to randomise", kMetric);
    const std::vector<int64_t> counts = stageCounts(int64_t(weights.size()), options.stages);
    const int64_t n = images.size(0), total = (n + options.batchSize - 1) / options.batchSize * int64_t(counts.size());
    int64_t done = 0;
    const auto step = [&] { reportMetricProgress(kMetric, progress, ++done, total); };
    std::vector<at::Tensor> parts;
    WeightRestorer restorer(weights);
    for (int64_t begin = 0; begin < n; begin += options.batchSize) {
        const int64_t end = std::min(n, begin + options.batchSize);
        restorer.restore(); // each chunk starts from the trained model and randomises to the same weights
        parts.push_back(chunkSimilarities(weights, counts, explainer, images.slice(0, begin, end),
                                          targets.slice(0, begin, end), begin, options, step));
    }
    result.similarity = torch::cat(parts);
    result.layerCounts = torch::tensor(counts, torch::kLong);
    return result;
}

} // namespace

std::vector<std::string> randomisableLayers(torch::nn::Module &model)
{
    std::vector<std::string> names;
    layerWeights(model, &names);
    return names;
}

void checkRandomisationOptions(const RandomisationOptions &options)
{
    if (options.stages < 0)
        fail(ErrorCode::InvalidArgument, "{}: stages must be >= 0, got {}", kMetric, options.stages);
    checkBatchSize(kMetric, options.batchSize);
}

RandomisationResult modelRandomisation(torch::nn::Module &model, const BatchExplainer &explainer,
                                       const at::Tensor &images, const at::Tensor &targets,
                                       const RandomisationOptions &options, const MetricProgress &progress)
{
    if (!images.defined() || images.dim() != 4 || images.size(0) == 0 || !targets.defined() || targets.dim() != 1
        || targets.size(0) != images.size(0))
        fail(ErrorCode::InvalidArgument, "{}: expected images [N, 3, H, W] and targets [N], got {} and {}", kMetric,
             images.defined() ? shapeString(images.sizes()) : std::string("no tensor"),
             targets.defined() ? shapeString(targets.sizes()) : std::string("no tensor"));
    checkRandomisationOptions(options);
    RandomisationResult result;
    translateTorchErrors(kMetric, [&] { result = randomiseAndCompare(model, explainer, images, targets, options, progress); });
    return result;
}

} // namespace bcos::core
