// bcos evaluate <metric>: the dataset-scale attribution metrics of core/eval/metrics for one method.
#include "evaluatemetric.h"

#include "app/cli/args.h"
#include "app/cli/evaluateinputs.h"
#include "app/cli/modelinput.h"
#include "app/cli/progressline.h"
#include "core/error.h"
#include "core/eval/metrics/attributionsource.h"
#include "core/eval/metrics/statistics.h"
#include "core/eval/pointinggame.h"
#include "core/io/safetensors.h"
#include "core/shape.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <functional>
#include <optional>
#include <sstream>

namespace bcos::cli {
namespace {

constexpr const char *kUsage = R"usage(  bcos evaluate METRIC --model M.safetensors (--data idx:DIR|cifar:DIR|FOLDER [--limit N] | --images I.safetensors)
      [--method wxx] [--out R.safetensors] [--target pred|label] [--score probability|logit] [--batch-size 64]
      [--seed 0] [--device cpu] [--workers 2] [--skip-zero-maps] [options of the metric]
      Scores the maps of --method (wxx, gradcam, ixg, intgrad, guided, occlusion, rise, or random: seeded
      uniform noise, the floor every method has to beat) on every image, explaining the predicted class
      (--target pred, default) or the label, with the model's softmax probability of it (or --score logit).
      METRIC, per image (+: higher is better, else lower):
        deletion        area under the score while the most relevant pixels are removed (Petsiuk et al. 2018)
        insertion +     area under the score while they are inserted into the baseline image
                        [--steps 32] [--baseline zeros|blur|mean (default: zeros for deletion, blur for
                        insertion)] [--patch P: rank P x P patches instead of pixels]
        road-morf       ROAD (Rong et al. 2022): mean score after removing the most relevant p % of the pixels
        road-lerf +     (LeRF: the least relevant) and filling them by noisy linear imputation
                        [--percentiles 10,20,30,40,50,60,70,80,90] [--noise 0.01 (std in [0, 1] units)]
        epg +           energy pointing game (Wang et al. 2020): share of the positive attribution inside the
                        object: --regions R.safetensors ('masks' [N, H, W], non-zero inside, or 'boxes' [N, 4]
                        x0 y0 x1 y1 in model-input pixels, end exclusive; the first N rows are used) or
                        --regions foreground (pixels where a channel exceeds 0.1: objects on black)
        average-drop    max(0, Y - O) / Y, Y: score of the image, O: of the image weighted by the map's
                        positive part scaled to [0, 1] (Chattopadhay et al. 2018, Grad-CAM++)
        confidence-increase +   1 where O > Y, else 0 (its mean is the increase in confidence)
        sparseness +    Gini index of |map| (Chalasani et al. 2020)
        complexity      entropy of |map| / sum |map|, in nats (Bhatt et al. 2020)
        randomisation   Spearman correlation of |map| before and after randomising the weights of every layer,
                        from the output down (Adebayo et al. 2018) [--stages S: curve points after S even
                        steps of the cascade, 0: after every layer; default 1: only the end]
      --out R writes 'values' [N] float64 (per image), 'targets' [N], 'labels' [N] and, for deletion,
      insertion, ROAD and randomisation, 'curves' [N, S] with 'curve_x' [S] (fractions perturbed, percentiles,
      layers randomised); its metadata hold the metric, method, options, mean and interval. The last line printed
      is "METRIC METHOD: mean M (95 % interval LO..HI, N images)". The interval is a percentile bootstrap of
      the mean: 2000 times, N per-image values are drawn with replacement and averaged; LO and HI are the
      2.5th and 97.5th percentiles of those means (seeded by --seed; no normality assumption, so skewed or
      0/1 values are fine). It covers the sampling of images, not the randomness of random maps or ROAD's noise.
      An all-zero map (GradCAM's ReLU can give one) has no order or distribution and fails the command;
      --skip-zero-maps leaves those images out instead (NaN in 'values', marked in 'skipped', counted in a
      line before the last). Images are explained and scored --batch-size at a time (memory stays bounded);
      progress goes to stderr; Ctrl-C or SIGTERM stops at the next batch (exit status 130).
)usage";

const std::vector<std::string> kOptions{"target", "score", "steps", "baseline", "patch", "percentiles", "noise",
                                        "stages", "regions"};

/// --percentiles "10,20,30" -> {10, 20, 30}.
std::vector<double> parsePercentiles(const std::string &text)
{
    std::vector<double> values;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');) {
        char *end = nullptr;
        const double value = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0')
            throw UsageError{"--percentiles expects numbers separated by commas, got '" + text + "'"};
        if (!(value > 0.0 && value < 100.0)) // nan and inf too
            throw UsageError{"--percentiles must lie in (0, 100), got " + item};
        values.push_back(value);
    }
    if (values.empty())
        throw UsageError{"--percentiles expects numbers separated by commas, got '" + text + "'"};
    return values;
}

/// --regions for epg: the object regions [B, H, W] bool of images [begin, end) of n, given those images
/// [B, 3, H, W] (checked against the file when a chunk is read; a file's first n rows are used).
using RegionReader = std::function<at::Tensor(int64_t begin, int64_t end, const at::Tensor &images)>;
RegionReader regionsFrom(const Args &args, int64_t n)
{
    if (!args.has("regions"))
        throw UsageError{"epg needs --regions R.safetensors (with 'masks' or 'boxes') or --regions foreground"};
    const std::string path = args.required("regions");
    if (path == "foreground")
        return [](int64_t, int64_t, const at::Tensor &images) { return images.amax(1).gt(0.1); };
    const auto contents = core::readSafetensors(path);
    if (const at::Tensor *found = contents.tensors.find("masks")) {
        return [path, n, masks = *found](int64_t begin, int64_t end, const at::Tensor &images) {
            const int64_t h = images.size(2), w = images.size(3);
            if (masks.dim() != 3 || masks.size(0) < n || masks.size(1) != h || masks.size(2) != w)
                core::fail(core::ErrorCode::Format,
                           "{}: 'masks' must be [N >= {}, {}, {}] (the model's input size), got {}", path, n, h, w,
                           core::shapeString(masks.sizes()));
            return masks.slice(0, begin, end).ne(0).to(images.device());
        };
    }
    const at::Tensor boxes = requireTensor(contents, path, "boxes", "[N, 4] x0 y0 x1 y1, or 'masks' [N, H, W]");
    if (boxes.dim() != 2 || boxes.size(0) < n || boxes.size(1) != 4 || boxes.is_floating_point())
        core::fail(core::ErrorCode::Format, "{}: 'boxes' must be [N >= {}, 4] integers x0 y0 x1 y1, got {}", path, n,
                   core::shapeString(boxes.sizes()));
    return [b = boxes.to(torch::kLong).contiguous()](int64_t begin, int64_t end, const at::Tensor &images) {
        std::vector<std::vector<core::Box>> perImage;
        for (int64_t i = begin; i < end; ++i)
            perImage.push_back({core::Box{b[i][0].item<int64_t>(), b[i][1].item<int64_t>(), b[i][2].item<int64_t>(),
                                          b[i][3].item<int64_t>()}});
        return core::boxRegions(perImage, images.size(2), images.size(3)).to(images.device());
    };
}

/// A core parser's InvalidArgument as a usage error naming the option.
template <class Parse>
auto parseOption(const std::string &option, Parse parse)
{
    try {
        return parse();
    } catch (const core::Error &error) {
        throw UsageError{"--" + option + ": " + error.what()};
    }
}

/// The request's options from the command line; `recorded` gets the ones the metric uses (for the metadata).
core::MetricRequest requestFrom(const Args &args, core::Metric metric, nlohmann::json &recorded)
{
    core::MetricRequest request;
    request.metric = metric;
    request.batchSize = batchOption(args);
    const std::string score = args.valueOr("score", "probability");
    if (score != "probability" && score != "logit")
        throw UsageError{"--score expects probability or logit, got '" + score + "'"};
    request.score = score == "logit" ? core::ScoreKind::Logit : core::ScoreKind::Probability;
    recorded = {{"score", score}, {"batch_size", request.batchSize}};
    switch (metric) {
    case core::Metric::Deletion:
    case core::Metric::Insertion: {
        auto &options = request.perturbation;
        options.steps = args.integerAtLeast("steps", options.steps, 1);
        options.patchSize = args.integerAtLeast("patch", options.patchSize, 1);
        if (args.has("baseline"))
            options.baseline = parseOption("baseline", [&] { return core::parsePerturbationBaseline(args.required("baseline")); });
        const auto baseline = options.baseline.value_or(metric == core::Metric::Deletion ? core::PerturbationBaseline::Zeros
                                                                                           : core::PerturbationBaseline::Blur);
        recorded.update({{"steps", options.steps}, {"patch", options.patchSize},
                         {"baseline", std::string(core::perturbationBaselineName(baseline))}});
        break;
    }
    case core::Metric::RoadMorf:
    case core::Metric::RoadLerf: {
        auto &options = request.road;
        if (args.has("percentiles"))
            options.percentiles = parsePercentiles(args.required("percentiles"));
        options.noise = args.numberAtLeast("noise", options.noise, 0.0);
        options.seed = seedOption(args, 0);
        recorded.update({{"percentiles", options.percentiles}, {"noise", options.noise}, {"seed", options.seed}});
        break;
    }
    case core::Metric::Randomisation:
        request.randomisation.stages = args.integerAtLeast("stages", 1, 0);
        request.randomisation.seed = seedOption(args, 0);
        recorded.update({{"stages", request.randomisation.stages}, {"seed", request.randomisation.seed}});
        break;
    default: break;
    }
    return request;
}

void writeValues(const std::string &out, const core::MetricValues &values, const at::Tensor &labels,
                 core::Metadata metadata)
{
    core::TensorMap tensors;
    tensors.insert("values", values.values.contiguous());
    tensors.insert("skipped", values.skipped.contiguous());
    tensors.insert("targets", values.targets.contiguous());
    tensors.insert("labels", labels.cpu().contiguous());
    if (values.curves.defined()) {
        tensors.insert("curves", values.curves.contiguous());
        tensors.insert("curve_x", values.curveX.contiguous());
    }
    metadata.set("format", "bcos-metric-v1");
    core::writeSafetensors(out, tensors, metadata);
    fmt::print("wrote {}\n", out);
}

} // namespace

const std::vector<std::string> &metricOptionNames() { return kOptions; }

const char *metricUsage() { return kUsage; }

int runMetricCommand(const Args &args, core::Metric metric)
{
    const std::optional<std::string> out = args.value("out"); // without it, only the summary line
    const std::string methodName = args.valueOr("method", "wxx");
    const auto source = parseOption("method", [&] { return core::parseAttributionSource(methodName); });
    const std::string target = args.valueOr("target", "pred");
    if (target != "pred" && target != "label")
        throw UsageError{"--target expects pred or label, got '" + target + "'"};
    nlohmann::json recorded;
    core::MetricRequest request = requestFrom(args, metric, recorded);
    const uint64_t seed = seedOption(args, 0);

    ModelInputs inputs = loadModelInputs(args);
    if (target == "label")
        requireLabels(args, *inputs.images, "--target label");
    const RegionReader regions =
        metric == core::Metric::EnergyPointingGame ? regionsFrom(args, inputs.images->size()) : RegionReader();
    // The images are read chunk by chunk as the metric scores them: only one chunk is held at a time.
    request.count = inputs.images->size();
    request.readChunk = [&, read = inputs.images->reader(request.batchSize, inputs.device)](int64_t begin, int64_t end) {
        const auto [images, labels] = read(begin, end);
        core::MetricChunk chunk;
        chunk.images = images;
        if (target == "label")
            chunk.targets = labels;
        if (regions)
            chunk.regions = regions(begin, end, images);
        return chunk;
    };
    request.skipZeroMaps = args.has("skip-zero-maps");
    core::MetricValues values;
    {
        ProgressLine line("images");
        core::ExplainRequest settings;
        settings.batchSize = request.batchSize;
        settings.progress = [&line](int64_t, int64_t) { return !line.stopRequested(); };
        request.progress = [&line](int64_t done, int64_t total) { return line.report(done, total); };
        values = core::evaluateMetric(*inputs.network, core::sourceExplainer(*inputs.network, source, settings, seed),
                                      request);
    }
    const int64_t skipped = values.skipped.sum().item<int64_t>();
    if (skipped == values.values.size(0))
        core::fail(core::ErrorCode::InvalidArgument, "{}: every {} map is all zero, no image is left to score",
                   core::metricName(metric), methodName);
    // Skipped images are NaN: the mean and interval are over the others.
    const core::MeanInterval interval =
        core::bootstrapMeanInterval(values.values.masked_select(values.skipped.logical_not()), 0.95, 2000, seed);

    core::Metadata metadata = outputMetadata("evaluate", *inputs.network);
    metadata.set("metric", std::string(core::metricName(metric)));
    metadata.set("method", methodName);
    metadata.set("target", target);
    metadata.set("options", recorded.dump());
    metadata.set("higher_is_better", core::higherIsBetter(metric) ? "true" : "false");
    metadata.set("mean", fmt::format("{:.17g}", interval.mean));
    metadata.set("interval", fmt::format("{:.17g} {:.17g}", interval.lower, interval.upper));
    metadata.set("skipped", std::to_string(skipped));
    if (out)
        writeValues(*out, values, inputs.images->labels(), metadata);
    if (skipped > 0)
        fmt::print("left out {} of {} images: their {} map is all zero\n", skipped, values.values.size(0), methodName);
    fmt::print("{} {}: mean {:.4f} (95 % interval {:.4f}..{:.4f}, {} images)\n", core::metricName(metric), methodName,
               interval.mean, interval.lower, interval.upper, interval.count);
    return 0;
}

} // namespace bcos::cli
