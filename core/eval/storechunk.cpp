#include "storechunk.h"

#include "core/error.h"
#include "core/eval/metrics/attributionsource.h"
#include "core/eval/metrics/statistics.h"
#include "core/explain/explainchunks.h"
#include "core/explain/rgba.h"
#include "core/models/network.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>

namespace bcos::core {
namespace {

constexpr std::string_view kRandom = "random";

std::string valueName(Metric metric, std::string_view method)
{
    return std::string(metricName(metric)) + "/" + std::string(method);
}

/// The names of the maps every metric scores, in column order: the methods, then the random floor when `floor`.
std::vector<std::string> scoredSources(const StoreChunkRequest &request, bool floor)
{
    std::vector<std::string> sources;
    for (const auto &run : request.methods)
        sources.emplace_back(explainMethodName(run.method));
    if (floor)
        sources.emplace_back(kRandom);
    return sources;
}

/// The default options of `metric` (as bcos evaluate's), `recorded` for the index.
MetricRequest metricRequest(Metric metric, int64_t batchSize, nlohmann::json &recorded)
{
    MetricRequest request;
    request.metric = metric;
    request.batchSize = batchSize;
    request.skipZeroMaps = true;
    recorded = {{"score", "probability"}, {"metric", std::string(metricName(metric))},
                {"higher_is_better", higherIsBetter(metric)}};
    if (metric == Metric::Deletion || metric == Metric::Insertion) {
        const auto baseline = metric == Metric::Deletion ? PerturbationBaseline::Zeros : PerturbationBaseline::Blur;
        std::vector<double> x;
        for (int64_t k = 0; k <= request.perturbation.steps; ++k)
            x.push_back(double(k) / double(request.perturbation.steps));
        recorded.update({{"steps", request.perturbation.steps},
                         {"baseline", std::string(perturbationBaselineName(baseline))}, {"curve_x", x}});
    } else if (metric == Metric::RoadMorf || metric == Metric::RoadLerf) {
        recorded.update({{"percentiles", request.road.percentiles}, {"noise", request.road.noise},
                         {"curve_x", request.road.percentiles}});
    }
    return request;
}

/// Serves the maps computed for a chunk to evaluateMetric(), which asks for them in order, batch after batch.
BatchExplainer storedExplainer(const at::Tensor &maps, const at::Tensor &images)
{
    auto offset = std::make_shared<int64_t>(0);
    return [maps, images, offset](const at::Tensor &batch, const at::Tensor &) {
        const int64_t n = batch.size(0), first = *offset;
        if (first + n > maps.size(0) || !batch.equal(images.slice(0, first, first + n)))
            fail(ErrorCode::Internal, "stored maps requested out of order (images {}..{})", first, first + n);
        *offset = first + n;
        return maps.slice(0, first, first + n);
    };
}

/// Spearman's rho of |a_i| and |b_i| per image ([n, H, W] each; 0 where a map is constant).
at::Tensor agreement(const at::Tensor &a, const at::Tensor &b)
{
    const int64_t n = a.size(0);
    at::Tensor rho = torch::empty({n}, torch::kDouble);
    const at::Tensor x = a.abs().reshape({n, -1}).to(torch::kCPU, torch::kDouble);
    const at::Tensor y = b.abs().reshape({n, -1}).to(torch::kCPU, torch::kDouble);
    for (int64_t i = 0; i < n; ++i)
        rho[i] = spearmanCorrelation(x[i], y[i]);
    return rho;
}

void checkGoing(const StoreChunkRequest &request)
{
    if (request.keepGoing && !request.keepGoing())
        fail(ErrorCode::Cancelled, "stopped");
}

} // namespace

RandomFloor makeRandomFloor(uint64_t seed)
{
    return {seed, randomExplainer(seed)};
}

void checkStorableMetric(Metric metric)
{
    if (metric == Metric::Randomisation)
        fail(ErrorCode::InvalidArgument, "randomisation is not stored per image (it re-explains a randomised model); "
                                         "run bcos evaluate randomisation");
    if (metric == Metric::EnergyPointingGame)
        fail(ErrorCode::InvalidArgument, "epg is not stored per image (it needs object regions); run bcos evaluate epg");
}

std::vector<std::string> storeValueColumns(const StoreChunkRequest &request, nlohmann::json &options)
{
    std::vector<std::string> columns;
    nlohmann::json methods = nlohmann::json::object();
    const nlohmann::json wxx = {{"smooth", request.wxxSmooth}, {"alpha_percentile", request.wxxAlphaPercentile}};
    for (const auto &run : request.methods)
        methods[std::string(explainMethodName(run.method))] = run.method == ExplainMethod::Wxx ? wxx : run.parameters;
    options["methods"] = methods;
    options["wxx_rendering"] = wxx;
    if (request.randomFloor)
        options["random_floor"] = {{"seed", request.randomFloor->seed}};
    const std::vector<std::string> sources = scoredSources(request, request.randomFloor.has_value());
    for (const auto metric : request.metrics) {
        checkStorableMetric(metric);
        for (const auto &source : sources) {
            nlohmann::json recorded;
            metricRequest(metric, request.batchSize, recorded);
            recorded["method"] = source;
            if (source == kRandom)
                recorded["seed"] = request.randomFloor->seed;
            columns.push_back(valueName(metric, source));
            options[columns.back()] = recorded;
        }
    }
    for (size_t a = 0; a < request.methods.size(); ++a)
        for (size_t b = a + 1; b < request.methods.size(); ++b) {
            const std::string pair = fmt::format("{}~{}", explainMethodName(request.methods[a].method),
                                                 explainMethodName(request.methods[b].method));
            columns.push_back("agreement/" + pair);
            options[columns.back()] = {{"metric", "agreement"}, {"method", pair}, {"higher_is_better", true}};
        }
    return columns;
}

TensorMap explainStoreChunk(NetworkImpl &network, const at::Tensor &images, const at::Tensor &labels,
                            const StoreChunkRequest &request)
{
    TensorMap out;
    const int64_t n = images.size(0), batch = std::max<int64_t>(1, request.batchSize);
    out.insert("images", images.mul(255).round().clamp(0, 255).to(torch::kCPU, torch::kByte));
    out.insert("labels", labels.to(torch::kCPU, torch::kLong));
    std::vector<at::Tensor> logitParts;
    {
        const torch::NoGradGuard noGrad;
        for (int64_t start = 0; start < n; start += batch)
            logitParts.push_back(network.forward(network.encode(images.slice(0, start, std::min(n, start + batch)))));
    }
    const at::Tensor logits = torch::cat(logitParts);
    out.insert("logits", logits.to(torch::kCPU, torch::kFloat));
    at::Tensor targets = logits.argmax(1);
    if (request.targetLabels) {
        if (labels.lt(0).any().item<bool>())
            fail(ErrorCode::InvalidArgument, "explaining the labels, but some images have none");
        targets = labels.to(logits.device(), torch::kLong);
    }
    out.insert("targets", targets.to(torch::kCPU));
    // The steps request.progress counts: the logits (done), every method's maps, every metric of every source.
    const bool floor = request.randomFloor && !request.metrics.empty();
    const std::vector<std::string> sources = scoredSources(request, floor);
    const double steps = double(1 + request.methods.size() + request.metrics.size() * sources.size());
    size_t step = 1;
    const auto report = [&request, steps](size_t whole, int64_t done, int64_t total) {
        if (request.progress)
            request.progress(std::min(1.0, (double(whole) + (total > 0 ? double(done) / double(total) : 0.0)) / steps));
    };
    report(step, 0, 1);
    std::vector<at::Tensor> maps;
    for (const auto &run : request.methods) {
        checkGoing(request);
        ExplainRequest explainRequest = run.settings;
        explainRequest.images = images;
        explainRequest.targets = targets;
        if (request.keepGoing || request.progress) // asked between the passes and wherever the method reports
            explainRequest.progress = [&request, &report, step, inner = run.settings.progress](int64_t done,
                                                                                                int64_t total) {
                report(step, done, total);
                return (!request.keepGoing || request.keepGoing()) && (!inner || inner(done, total));
            };
        const Explanation explanation =
            explainInChunks(network, run.method, explainRequest, request.explainChunk).explanation;
        const std::string name(explainMethodName(run.method));
        maps.push_back(explanation.attributions.detach().to(torch::kFloat));
        out.insert(name + "/attributions", maps.back().to(torch::kCPU));
        if (run.method == ExplainMethod::Wxx)
            out.insert("wxx/rgba", gradientToRgba(network.encode(images), explanation.perChannel, request.wxxSmooth,
                                                  request.wxxAlphaPercentile)
                                       .mul(255).round().clamp(0, 255).to(torch::kCPU, torch::kByte));
        report(++step, 0, 1);
    }
    // The random floor's maps: drawn once per chunk (the next images' draws), scored by every metric.
    std::vector<at::Tensor> scored = maps;
    if (floor)
        scored.push_back(request.randomFloor->maps(images, targets));
    for (const auto metric : request.metrics) {
        checkStorableMetric(metric);
        for (size_t m = 0; m < scored.size(); ++m) {
            nlohmann::json recorded;
            MetricRequest metricRun = metricRequest(metric, batch, recorded);
            metricRun.images = images;
            metricRun.targets = targets;
            metricRun.progress = [&request, &report, step](int64_t done, int64_t total) {
                report(step, done, total);
                return !request.keepGoing || request.keepGoing();
            };
            const MetricValues values = evaluateMetric(network, storedExplainer(scored[m], images), metricRun);
            report(++step, 0, 1);
            const std::string name = valueName(metric, sources[m]);
            out.insert(name, values.values.to(torch::kCPU, torch::kDouble));
            if (values.curves.defined())
                out.insert(name + "/curve", values.curves.to(torch::kCPU, torch::kDouble));
        }
    }
    for (size_t a = 0; a < request.methods.size(); ++a)
        for (size_t b = a + 1; b < request.methods.size(); ++b)
            out.insert(fmt::format("agreement/{}~{}", explainMethodName(request.methods[a].method),
                                   explainMethodName(request.methods[b].method)),
                       agreement(maps[a], maps[b]));
    return out;
}

} // namespace bcos::core
