// bcos evaluate: localisation (grid pointing game), accuracy and, through evaluatemetric.cpp, the attribution metrics.
#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/evaluateinputs.h"
#include "app/cli/evaluatemetric.h"
#include "app/cli/progressline.h"
#include "app/cli/trainnetwork.h"
#include "core/device.h"
#include "core/error.h"
#include "core/eval/clipmosaic.h"
#include "core/eval/gridpg.h"
#include "core/eval/metrics/metricrun.h"
#include "core/explain/explainer.h"
#include "core/io/safetensors.h"
#include "core/models/clipmodelfile.h"
#include "core/models/network.h"
#include "core/shape.h"
#include "core/text/cliptokenizer.h"

#include <torch/torch.h>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>

namespace bcos::cli {
namespace {

constexpr const char *kUsage = R"(usage:
  bcos evaluate gridpg --attributions A.safetensors --grid 2|3 [--smooth K] --out S.safetensors
      A holds 'attributions' [S, T, C, H, W] (or [S, T, H, W]) and optionally 'target_cells' [S, T] (default t).
      S gets 'fractions' [S, T, n*n] and 'scores' [S, T].
  bcos evaluate gridpg --model M.safetensors --images I.safetensors --grid 2|3 [--method wxx] [--smooth K]
      [--threshold 0.5] [--samples|--max-grids 500] [--seed 42] [--batch-size 64] [--device cpu] --out S.safetensors
      I holds 'images' [N, 3, H, W] in [0, 1] and 'labels' [N]. Grids use confidently and correctly classified
      images of distinct classes; S also gets 'grids' [G, n*n] (image indices).
  bcos evaluate accuracy --model M.safetensors --images I.safetensors [--batch-size 64] [--device cpu]
  bcos evaluate clip-mosaic --model CLIPMODEL.safetensors --data idx:DIR|cifar:DIR|FOLDER [--grid 2|3] [--count 100]
      [--cosine-power 1] [--vocab BPE.txt.gz] [--class-names FILE] [--prompt "a photo of a {}"] [--seed 42]
      [--device cpu]
      Mosaics of n x n test images of distinct classes (each centred in a cell of input_resolution / n pixels);
      for each cell, the W(x)x contributions of the prompt naming its class (the studio's CLIP prompt map at
      that cosine power); prints the mean share of the positive contribution that lies inside the cell (the
      grid pointing game's score). --vocab defaults to bpe_simple_vocab_16e6.txt.gz beside the model; the class
      names (--class-names FILE, one per line) to the data's own (a folder's class folder names, CIFAR's), else the
      model's.
)";

constexpr const char *kDataNote = R"(  Instead of --images I.safetensors, gridpg, accuracy and the metrics take --data idx:DIR (MNIST/Fashion-MNIST),
      cifar:DIR (CIFAR-10/100) or FOLDER (class folders: a folder named as one of the model's classes holds that
      class, so a folder may hold some of them; otherwise all of them, in sorted folder-name order): the test split (a
      folder's val/ when it has train/ and val/, else all its images), optionally only its first --limit N images
      (clip-mosaic too). Each image is decoded when its batch is scored and prepared on its own as training
      evaluated it (shorter side to the model's resize size, centre crop), so the images may differ in size and the
      split need not fit in memory; --workers N threads (default 2) prepare the next batches meanwhile. gridpg
      scores every image once to choose its grids, then decodes the chosen ones again.
)";

void printScores(const at::Tensor &scores)
{
    const at::Tensor flat = scores.flatten().to(torch::kDouble);
    const at::Tensor q = torch::quantile(flat, torch::tensor({0.25, 0.5, 0.75, 1.0}, torch::kDouble));
    fmt::print("localisation score: mean {:.6f} over {} explanations\n", flat.mean().item<double>(), flat.numel());
    fmt::print("percentiles (25, 50, 75, 100): {:.6f} {:.6f} {:.6f} {:.6f}\n", q[0].item<double>(), q[1].item<double>(),
               q[2].item<double>(), q[3].item<double>());
}

void writeResult(const std::string &out, const core::GridPgResult &result, int64_t grid, int64_t smooth,
                 const at::Tensor &grids = {})
{
    core::TensorMap tensors;
    tensors.insert("fractions", result.fractions.contiguous().cpu());
    tensors.insert("scores", result.scores.contiguous().cpu());
    if (grids.defined())
        tensors.insert("grids", grids);
    core::Metadata metadata;
    metadata.set("format", "bcos-gridpg-v1");
    metadata.set("grid", std::to_string(grid));
    metadata.set("smooth", std::to_string(smooth));
    core::writeSafetensors(out, tensors, metadata);
    fmt::print("wrote {}\n", out);
}

int64_t gridOption(const Args &args)
{
    const int64_t grid = args.integer("grid", 0);
    if (!args.has("grid"))
        throw UsageError{"missing required option --grid (2 or 3)"};
    if (grid != 2 && grid != 3)
        throw UsageError{fmt::format("option --grid expects 2 or 3, got {}", grid)};
    return grid;
}

int gridPgFromFile(const Args &args)
{
    const int64_t grid = gridOption(args), smooth = smoothOption(args, 0);
    const std::string path = args.required("attributions"), out = args.required("out");
    const auto contents = core::readSafetensors(path);
    const at::Tensor attributions = requireTensor(contents, path, "attributions", "[S, T, C, H, W] floating point");
    if ((attributions.dim() != 5 && attributions.dim() != 4) || !attributions.is_floating_point())
        core::fail(core::ErrorCode::Format, "{}: 'attributions' must be [S, T, C, H, W] or [S, T, H, W] floating point, got {} {}",
                   path, core::shapeString(attributions.sizes()), c10::toString(attributions.scalar_type()));
    if (attributions.size(1) != grid * grid)
        core::fail(core::ErrorCode::Format, "{}: 'attributions' has T = {} targets, a {}x{} grid needs {}", path,
                   attributions.size(1), grid, grid, grid * grid);
    at::Tensor cells;
    if (contents.tensors.contains("target_cells")) {
        cells = contents.tensors["target_cells"];
        if (cells.dim() != 2 || cells.size(0) != attributions.size(0) || cells.size(1) != attributions.size(1))
            core::fail(core::ErrorCode::Format, "{}: 'target_cells' must be [{}, {}], got {}", path, attributions.size(0),
                       attributions.size(1), core::shapeString(cells.sizes()));
    }
    core::GridPgResult result;
    core::translateTorchErrors(path, [&] { result = core::gridPointingGame(attributions.to(torch::kFloat), grid, smooth, cells); });
    printScores(result.scores);
    writeResult(out, result, grid, smooth);
    return 0;
}

/// Logits [N, K] of every image, a chunk of `batch` at a time (progress on stderr; Ctrl-C stops).
at::Tensor allLogits(ModelInputs &inputs, int64_t batch, const std::string &what)
{
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> logits;
    ProgressLine line("images");
    const int64_t n = inputs.images->size();
    inputs.images->forEachChunk(batch, inputs.device, [&](int64_t begin, const at::Tensor &images, const at::Tensor &) {
        if (line.stopRequested())
            core::fail(core::ErrorCode::Cancelled, "{} cancelled after {} of {} images", what, begin, n);
        logits.push_back(inputs.network->forward(inputs.network->encode(images)).cpu());
        line.report(begin + images.size(0), n);
    });
    return torch::cat(logits);
}

/// Fails for a selection without grids, saying why: grids of n x n distinct classes are drawn while more than n*n
/// classes have images left (the reference's selection); `found` says how many classes there are.
void requireGrids(int64_t grid, const std::string &found)
{
    core::fail(core::ErrorCode::InvalidArgument,
               "no {}x{} grid: grids are drawn while more than {} classes have images left (as the reference's "
               "selection), and {}",
               grid, grid, grid * grid, found);
}

/// How many different values `labels` [N] holds.
int64_t distinctCount(const at::Tensor &labels)
{
    const at::Tensor values = labels.to(torch::kCPU, torch::kLong).contiguous();
    return int64_t(std::set<int64_t>(values.data_ptr<int64_t>(), values.data_ptr<int64_t>() + values.numel()).size());
}

/// The images of `grids` (indices into the set, at least one grid) and their `labels` (the set's), on the device,
/// and the grids as indices into those: only the images the grids use are decoded.
struct GridImages {
    at::Tensor images, labels;
    std::vector<std::vector<int64_t>> grids;
};
GridImages gridImages(const EvaluationImages &set, const at::Tensor &labels,
                      const std::vector<std::vector<int64_t>> &grids, c10::Device device,
                      const std::function<at::Tensor(const at::Tensor &)> &fit = {})
{
    std::vector<int64_t> used;
    std::map<int64_t, int64_t> position;
    GridImages result;
    for (const auto &cells : grids) {
        auto &local = result.grids.emplace_back();
        for (const int64_t index : cells) {
            const auto [at, added] = position.emplace(index, int64_t(used.size()));
            if (added)
                used.push_back(index);
            local.push_back(at->second);
        }
    }
    result.images = set.gather(used, fit).to(device);
    result.labels = labels.index_select(0, torch::tensor(used, torch::kLong)).to(device);
    return result;
}

int accuracyFromModel(const Args &args)
{
    const int64_t batch = batchOption(args);
    auto inputs = loadModelInputs(args);
    requireLabels(args, *inputs.images, "accuracy");
    const at::Tensor logits = allLogits(inputs, batch, "accuracy");
    const at::Tensor labels = inputs.images->labels();
    const int64_t k = std::min<int64_t>(5, logits.size(1));
    const at::Tensor top = std::get<1>(logits.topk(k, 1));
    const at::Tensor hits = top.eq(labels.view({-1, 1}));
    const double n = double(logits.size(0));
    fmt::print("images: {}\ntop-1 accuracy: {:.4f}\ntop-{} accuracy: {:.4f}\n", logits.size(0),
               hits.select(1, 0).sum().item<double>() / n, k, hits.any(1).sum().item<double>() / n);
    return 0;
}

int gridPgFromModel(const Args &args)
{
    const int64_t grid = gridOption(args), smooth = smoothOption(args, 0), batch = batchOption(args);
    const std::string out = args.required("out");
    const auto method = core::parseExplainMethod(args.valueOr("method", "wxx"));
    core::GridSelectionOptions selection;
    selection.gridSize = grid;
    selection.confidenceThreshold = args.number("threshold", 0.5);
    if (!(selection.confidenceThreshold >= 0.0 && selection.confidenceThreshold < 1.0))
        throw UsageError{fmt::format("--threshold must be at least 0 and below 1 (a sigmoid confidence), got {}",
                                     selection.confidenceThreshold)};
    selection.maxGrids = args.has("samples") ? args.integerAtLeast("samples", 0, 1) // --samples is an alias
                                             : args.integerAtLeast("max-grids", 500, 1);
    selection.seed = seedOption(args, 42);
    auto inputs = loadModelInputs(args);
    requireLabels(args, *inputs.images, "gridpg (it explains each cell's label)");
    const at::Tensor logits = allLogits(inputs, batch, "gridpg"), labels = inputs.images->labels();
    const auto grids = core::selectGridImages(logits, labels, selection);
    fmt::print("{} grids of {}x{} images\n", grids.size(), grid, grid);
    if (grids.empty()) {
        const auto [top, predicted] = logits.max(1);
        const at::Tensor eligible = labels.masked_select(predicted.eq(labels) & top.sigmoid().gt(selection.confidenceThreshold));
        requireGrids(grid, fmt::format("{} classes have confidently and correctly classified images (sigmoid of the "
                                       "top logit above --threshold {})",
                                       distinctCount(eligible), selection.confidenceThreshold));
    }
    const GridImages chosen = gridImages(*inputs.images, labels, grids, inputs.device);
    core::ExplainRequest settings;
    settings.batchSize = batch;
    core::GridPgResult result;
    {
        ProgressLine line("grid");
        settings.progress = [&line](int64_t, int64_t) { return !line.stopRequested(); };
        result = core::evaluateGridPointingGame(chosen.images, chosen.labels, chosen.grids, grid,
                                                core::methodExplainer(*inputs.network, method, settings), smooth,
                                                [&line](int64_t done, int64_t total) { return line.report(done, total); });
    }
    std::vector<int64_t> flat;
    for (const auto &cells : grids)
        flat.insert(flat.end(), cells.begin(), cells.end());
    printScores(result.scores);
    writeResult(out, result, grid, smooth, torch::tensor(flat, torch::kLong).view({int64_t(grids.size()), grid * grid}));
    return 0;
}

/// --vocab, else CLIP's merges file beside the model (the demo CLIP ships it in resources/demo).
std::string clipVocab(const Args &args, const std::string &modelPath)
{
    if (args.has("vocab"))
        return args.required("vocab");
    const auto beside = std::filesystem::path(modelPath).parent_path() / "bpe_simple_vocab_16e6.txt.gz";
    if (!std::filesystem::exists(beside))
        throw UsageError{"clip-mosaic needs --vocab (CLIP's BPE merges, bpe_simple_vocab_16e6.txt.gz): none beside "
                         + modelPath};
    return beside.string();
}

int clipMosaicFromModel(const Args &args)
{
    const int64_t grid = args.has("grid") ? gridOption(args) : 2;
    const double power = args.number("cosine-power", 1.0);
    if (!(power >= 0) || std::isinf(power))
        throw UsageError{fmt::format("option --cosine-power expects a number >= 0, got {}", power)};
    core::GridSelectionOptions selection;
    selection.gridSize = grid;
    selection.maxGrids = args.integerAtLeast("count", 100, 1);
    selection.seed = seedOption(args, 42);
    const std::string modelPath = args.required("model");
    const c10::Device device = core::resolveDevice(args.device("cpu"));
    core::ClipModel model = core::loadClipModel(modelPath);
    model.image->to(device); // the prompts' text tower stays on the CPU
    core::AugmentOptions asTheyAre; // each image is fitted into its cell below, whatever its size
    asTheyAre.size = 0;
    asTheyAre.train = false;
    std::shared_ptr<const core::Dataset> data = testSplit(args.required("data"), args.integerAtLeast("limit", 0, 0));
    // The prompts name the classes: --class-names, else the data's own (a folder's class folders, CIFAR's), else the
    // model's; the labels are matched to the first two by name or count, as a classifier's (matchClasses).
    const std::string spec = args.required("data");
    std::vector<std::string> classNames = model.description.classNames;
    std::string namedBy = modelPath;
    if (args.has("class-names")) {
        namedBy = args.required("class-names");
        classNames = readClassNames(namedBy);
    } else if (data->hasLabels() && data->hasClassNames()) {
        classNames = data->classNames();
        namedBy = "--data " + spec;
    }
    if (classNames.empty() && data->hasLabels())
        core::fail(core::ErrorCode::InvalidArgument,
                   "{}: the model names no classes, and neither does --data {}: give --class-names FILE", modelPath,
                   spec);
    data = matchClasses(std::move(data), spec, classNames, int64_t(classNames.size()), namedBy);
    const EvaluationImages set(std::move(data), asTheyAre, 0);
    requireLabels(args, set, "clip-mosaic (each cell is prompted with its class)");
    const std::string prompt = args.valueOr("prompt", "a photo of a {}");
    fmt::print("prompts: \"{}\" with the class names of {}\n", prompt, namedBy);
    const at::Tensor labels = set.labels();
    const int64_t side = model.image->options().inputResolution;
    if (side % grid != 0)
        core::fail(core::ErrorCode::InvalidArgument, "{}: input_resolution {} is not divisible into a {}x{} grid",
                   modelPath, side, grid, grid);
    const auto grids = core::selectDistinctClassGrids(labels, int64_t(classNames.size()), selection);
    if (grids.empty())
        requireGrids(grid, fmt::format("the images hold {} classes", distinctCount(labels)));
    const core::ClipTokenizer tokenizer(clipVocab(args, modelPath));
    const at::Tensor texts = core::classPromptEmbeddings(model, tokenizer, classNames, prompt, modelPath);
    fmt::print("{} mosaics of {}x{} test images, {} px, cosine power {}\n", grids.size(), grid, grid, side, power);
    const GridImages chosen = gridImages(set, labels, grids, c10::kCPU, [cell = side / grid](const at::Tensor &image) {
        return core::fitToCells(image.unsqueeze(0), cell).squeeze(0);
    });
    const auto result = core::evaluateGridPointingGame(chosen.images, chosen.labels, chosen.grids, grid,
                                                       core::clipPromptExplainer(model, texts, power));
    printScores(result.scores);
    return 0;
}

/// "gridpg, accuracy, clip-mosaic or a metric (deletion, ...)": what the subcommand may be.
std::string subcommandNames()
{
    std::string metrics;
    for (const core::Metric metric : core::allMetrics())
        metrics += (metrics.empty() ? "" : ", ") + std::string(core::metricName(metric));
    return "gridpg, accuracy, clip-mosaic or a metric: " + metrics;
}

} // namespace

int runEvaluate(const std::vector<std::string> &arguments)
{
    std::vector<std::string> options{"attributions", "grid", "smooth", "out", "model", "images", "method", "threshold",
                                     "max-grids", "samples", "seed", "batch-size", "device", "data", "limit", "count",
                                     "cosine-power", "vocab", "class-names", "prompt", "workers"};
    for (const std::string &option : metricOptionNames())
        options.push_back(option);
    const Args args(arguments, options, {"help", "skip-zero-maps"});
    if (args.has("help")) {
        fmt::print("{}{}{}", kUsage, metricUsage(), kDataNote);
        return 0;
    }
    if (args.positional().size() != 1)
        throw UsageError{"expected one subcommand, " + subcommandNames() + " (see bcos evaluate --help)"};
    const std::string &what = args.positional()[0];
    if (what == "gridpg") {
        if (args.has("attributions") == args.has("model"))
            throw UsageError{"gridpg needs exactly one of --attributions or --model"};
        return args.has("attributions") ? gridPgFromFile(args) : gridPgFromModel(args);
    }
    if (what == "accuracy")
        return accuracyFromModel(args);
    if (what == "clip-mosaic")
        return clipMosaicFromModel(args);
    for (const core::Metric metric : core::allMetrics())
        if (what == core::metricName(metric))
            return runMetricCommand(args, metric);
    throw UsageError{"unknown subcommand '" + what + "' (expected " + subcommandNames() + ")"};
}

} // namespace bcos::cli
