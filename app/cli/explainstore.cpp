// bcos explain --out STORE/: a whole dataset's explanations, per-image metrics and method agreements, written
// chunk by chunk into an explanation store the studio opens.
#include "explainstore.h"

#include "app/cli/args.h"
#include "app/cli/evaluateinputs.h"
#include "app/cli/modelinput.h"
#include "app/cli/progressline.h"
#include "core/data/augment.h"
#include "core/data/classorder.h"
#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
#include "core/device.h"
#include "core/error.h"
#include "core/eval/explanationstore.h"
#include "core/eval/storechunk.h"
#include "core/models/moduledevice.h"
#include "core/shape.h"
#include "core/workflows/datasetspec.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imagefolder.h"
#include "core/imaging/imageio.h"
#endif

#include <fmt/format.h>
#include <fmt/ranges.h> // fmt::join (in <fmt/format.h> before fmt 10)
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>

namespace bcos::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char *kUsage = R"(
Explanation store (--out names a folder, not a .safetensors file):
  bcos explain --model MODEL --input FOLDER|idx:DIR|cifar:DIR|I.safetensors --out STORE/
               [--method wxx,gradcam,...] [--metrics deletion,insertion,...] [--limit N] [--chunk-size 256]
               [--target pred|label] [--chunk N] [--batch-size 16] [--device cpu|cuda]
  Explains every image (a folder's image files, recursively, labelled by their class folder where the folders
  are named as the model's classes or are as many, as bcos evaluate reads them; the test split of idx:/cifar:;
  'images' [N, 3, H, W] and optional 'labels' of a .safetensors file, used as they are at the model's input
  size), --chunk-size images at a time, and writes STORE/chunk-*.safetensors and STORE/index.json: the model's
  inputs, logits, the maps of every --method, the colour W(x)x image, per-image --metrics of every method
  (deletion, insertion, road-morf, road-lerf, average-drop, confidence-increase, sparseness, complexity; their
  defaults as in bcos evaluate), and for every pair of methods their agreement, Spearman's rho of |map| per
  image (low: the methods disagree). --method random (with --metrics; --seed S, 0) also scores seeded random
  maps, the floor a method has to beat (the maps of bcos evaluate --method random --seed S; not stored), as
  columns METRIC/random. The studio opens the folder (File > Open explanation store): stored maps without
  recomputing, the values as sortable columns. Memory stays at one chunk; Ctrl-C stops after the chunk being
  written, leaving a store of the chunks done (marked incomplete). Files that cannot be decoded are skipped and
  listed in the index ("unreadable"). --chunk N: images per explanation pass (default: --batch-size when given,
  else as many as half the free memory holds, at most 8 on the CPU and 256 on a GPU); --batch-size N: perturbed
  images per metric batch. Progress on stderr, as in 'images 256/1000 (31 %)': the images of the chunks written,
  and the share of the work done, which moves on through each chunk's explanations and metrics.
)";

const std::vector<std::string> kOptions{"metrics", "limit", "chunk-size"};

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        if (!item.empty())
            items.push_back(item);
    return items;
}

bool hasSuffix(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Images in the order they are stored: names, and the prepared model inputs of a range of them.
class StoreSource {
public:
    virtual ~StoreSource() = default;
    virtual int64_t size() const = 0;
    /// Images [first, first + count): the model's inputs [n, 3, H, W] in [0, 1] and labels [n] (-1 unknown) of
    /// those that decode; `names` gets theirs, `unreadable` the others' with the reason.
    virtual std::pair<at::Tensor, at::Tensor> load(int64_t first, int64_t count, std::vector<std::string> &names,
                                                   std::vector<std::string> &unreadable) const = 0;
};

/// 'images' [N, 3, H, W] (and 'labels' [N]) of a safetensors file.
class TensorFileSource : public StoreSource {
public:
    TensorFileSource(const std::string &path, const core::Preprocessing &preprocessing, int64_t limit)
        : m_path(path)
    {
        const auto contents = core::readSafetensors(path);
        m_images = requireTensor(contents, path, "images", "[N, 3, H, W] in [0, 1]");
        if (m_images.dim() != 4 || m_images.size(1) != 3 || !m_images.is_floating_point())
            core::fail(core::ErrorCode::Format, "{}: 'images' must be [N, 3, H, W] floating point in [0, 1], got {}",
                       path, core::shapeString(m_images.sizes()));
        const int64_t n = m_images.size(0);
        if (const at::Tensor *labels = contents.tensors.find("labels")) {
            if (labels->dim() != 1 || labels->size(0) != n || labels->is_floating_point())
                core::fail(core::ErrorCode::Format, "{}: 'labels' must be [{}] integers, got {}", path, n,
                           core::shapeString(labels->sizes()));
            m_labels = labels->to(torch::kLong);
        } else {
            m_labels = torch::full({n}, -1, torch::kLong);
        }
        m_size = limit > 0 ? std::min(limit, n) : n;
        m_preprocessing = preprocessing;
    }
    int64_t size() const override { return m_size; }
    std::pair<at::Tensor, at::Tensor> load(int64_t first, int64_t count, std::vector<std::string> &names,
                                           std::vector<std::string> &) const override
    {
        for (int64_t i = first; i < first + count; ++i)
            names.push_back(fmt::format("{} #{}", fs::path(m_path).filename().string(), i));
        const at::Tensor images = m_images.slice(0, first, first + count).to(torch::kFloat);
        const int64_t side = m_preprocessing.inputSize;
        // Inputs of the model's size are its inputs, as bcos explain --input I.safetensors takes them; others are
        // prepared (resized, cropped, rounded to 8 bits) as training evaluated.
        const bool prepared = images.size(2) == side && images.size(3) == side;
        return {prepared ? images : evalTransform(images, m_preprocessing), m_labels.slice(0, first, first + count)};
    }

private:
    std::string m_path;
    at::Tensor m_images, m_labels;
    int64_t m_size = 0;
    core::Preprocessing m_preprocessing;
};

/// The test split of idx:DIR or cifar:DIR, prepared as bcos evaluate prepares it.
class DatasetSource : public StoreSource {
public:
    DatasetSource(const std::string &spec, const core::Preprocessing &preprocessing, int64_t limit)
        : m_preprocessing(preprocessing)
    {
        const core::DatasetSpec data = core::parseDatasetSpec(spec);
        m_name = data.path.lexically_normal().filename().string(); // "fashion-mnist test #12"
        if (m_name.empty())
            m_name = data.path.lexically_normal().parent_path().filename().string();
        if (data.kind == core::DatasetKind::Idx)
            m_data = std::make_shared<core::IdxDataset>(data.path, false);
        else
            m_data = std::make_shared<core::CifarDataset>(data.path, false);
        m_data = core::headSubset(m_data, limit);
    }
    int64_t size() const override { return m_data->size(); }
    std::pair<at::Tensor, at::Tensor> load(int64_t first, int64_t count, std::vector<std::string> &names,
                                           std::vector<std::string> &) const override
    {
        std::vector<at::Tensor> images;
        std::vector<int64_t> labels;
        for (int64_t i = first; i < first + count; ++i) {
            core::Sample sample = m_data->get(i);
            images.push_back(sample.image);
            labels.push_back(sample.label);
            names.push_back(fmt::format("{} test #{}", m_name, i));
        }
        return {evalTransform(torch::stack(images), m_preprocessing), torch::tensor(labels, torch::kLong)};
    }

private:
    std::string m_name;
    core::Preprocessing m_preprocessing;
    std::shared_ptr<const core::Dataset> m_data;
};

#ifdef BCOS_HAVE_OPENCV
/// The image files under a folder (imaging::imageFilesUnder: at any depth, in ImageFolder's order), decoded chunk by
/// chunk. Files in class folders (root/<class>/...) are labelled where the folder names are the model's classes, or
/// as many (classOrder of imaging::classFolders, those without images too: as bcos evaluate numbers them); others
/// have no label.
class FolderSource : public StoreSource {
public:
    FolderSource(const fs::path &root, const core::ModelDescription &model, int64_t limit)
        : m_root(root)
        , m_preprocessing(model.preprocessing)
    {
        m_files = imaging::imageFilesUnder(root);
        if (m_files.empty())
            core::fail(core::ErrorCode::Io, "{}: no image files ({}) in the folder", root.string(),
                       imaging::imageExtensionsText());
        labelByClassFolder(model);
        if (limit > 0 && static_cast<int64_t>(m_files.size()) > limit) {
            m_files.resize(static_cast<size_t>(limit));
            m_labels.resize(static_cast<size_t>(limit));
        }
    }
    int64_t size() const override { return static_cast<int64_t>(m_files.size()); }
    std::pair<at::Tensor, at::Tensor> load(int64_t first, int64_t count, std::vector<std::string> &names,
                                           std::vector<std::string> &unreadable) const override
    {
        std::vector<at::Tensor> images;
        std::vector<int64_t> labels;
        for (int64_t i = first; i < first + count; ++i) {
            const fs::path &file = m_files[static_cast<size_t>(i)];
            try {
                images.push_back(
                    core::modelInput(imaging::readImage(file), m_preprocessing.inputSize, m_preprocessing.resizeSize));
                labels.push_back(m_labels[static_cast<size_t>(i)]);
                names.push_back(fs::relative(file, m_root).string());
            } catch (const core::Error &error) {
                unreadable.push_back(error.what());
                fmt::print(stderr, "skipped: {}\n", error.what());
            }
        }
        if (images.empty())
            return {};
        return {torch::stack(images), torch::tensor(labels, torch::kLong)};
    }

private:
    void labelByClassFolder(const core::ModelDescription &model)
    {
        std::vector<std::string> folders; // each file's class folder ("" for a file in the root)
        bool inClassFolders = false;
        for (const auto &file : m_files) {
            const fs::path relative = fs::relative(file, m_root);
            folders.push_back(relative.has_parent_path() ? relative.begin()->string() : std::string());
            inClassFolders = inClassFolders || !folders.back().empty();
        }
        m_labels.assign(m_files.size(), -1);
        if (!inClassFolders)
            return;
        const std::vector<std::string> names = imaging::classFolders(m_root);
        const std::optional<std::vector<int64_t>> order = core::classOrder(names, model.classNames, model.numClasses());
        if (!order) {
            fmt::print(stderr, "no labels: the {} class folders of {} are neither named as the model's classes nor "
                       "as many ({})\n", names.size(), m_root.string(), model.numClasses());
            return;
        }
        std::map<std::string, int64_t> labelOf; // a folder's label: one lookup per file, not a scan of the folders
        for (size_t k = 0; k < names.size(); ++k)
            labelOf[names[k]] = (*order)[k];
        for (size_t i = 0; i < m_files.size(); ++i)
            if (const auto found = labelOf.find(folders[i]); found != labelOf.end()) // "" (the root) is none
                m_labels[i] = found->second;
    }

    fs::path m_root;
    core::Preprocessing m_preprocessing;
    std::vector<fs::path> m_files;
    std::vector<int64_t> m_labels; ///< per file; -1 none
};
#endif

std::unique_ptr<StoreSource> sourceFor(const std::vector<std::string> &inputs, const core::ModelDescription &model,
                                       int64_t limit)
{
    const core::Preprocessing &preprocessing = model.preprocessing;
    if (inputs.size() != 1)
        throw UsageError{"an explanation store takes one --input: a folder, idx:DIR, cifar:DIR or a .safetensors file"};
    const std::string &input = inputs.front();
    if (hasSuffix(input, ".safetensors"))
        return std::make_unique<TensorFileSource>(input, preprocessing, limit);
    if (input.rfind("idx:", 0) == 0 || input.rfind("cifar:", 0) == 0)
        return std::make_unique<DatasetSource>(input, preprocessing, limit);
    if (!fs::is_directory(input))
        core::fail(core::ErrorCode::Io, "--input {}: not a folder, idx:DIR, cifar:DIR or .safetensors file", input);
#ifdef BCOS_HAVE_OPENCV
    return std::make_unique<FolderSource>(input, model, limit);
#else
    core::fail(core::ErrorCode::Unsupported, "--input {}: image folders need a build with OpenCV (bcos_imaging)", input);
#endif
}

std::vector<core::Metric> parseStoreMetrics(const std::string &text)
{
    std::vector<core::Metric> metrics;
    for (const auto &name : splitList(text)) {
        try {
            metrics.push_back(core::parseMetric(name));
            core::checkStorableMetric(metrics.back());
        } catch (const core::Error &error) {
            throw UsageError{std::string("--metrics: ") + error.what()};
        }
    }
    return metrics;
}

} // namespace

const std::vector<std::string> &storeOptionNames() { return kOptions; }

const char *storeUsage() { return kUsage; }

int runExplainStore(const Args &args, const MethodSettings &settings)
{
    const std::string out = args.required("out");
    core::StoreChunkRequest request;
    for (const auto &name : splitList(args.valueOr("method", "wxx"))) {
        if (name == "random") { // the floor: scored, not stored
            if (request.randomFloor)
                throw UsageError{"--method lists random twice"};
            request.randomFloor = core::makeRandomFloor(seedOption(args, 0));
            continue;
        }
        core::StoreMethod run;
        try {
            run.method = core::parseExplainMethod(name);
        } catch (const core::Error &error) {
            throw UsageError{std::string("--method: ") + error.what()};
        }
        if (std::any_of(request.methods.begin(), request.methods.end(),
                        [&](const core::StoreMethod &m) { return m.method == run.method; }))
            throw UsageError{"--method lists " + name + " twice"};
        run.settings = settings(run.method, run.parameters);
        request.methods.push_back(std::move(run));
    }
    request.metrics = parseStoreMetrics(args.valueOr("metrics", ""));
    if (request.randomFloor && request.metrics.empty())
        throw UsageError{"--method random scores random maps (the floor) with --metrics; it stores no maps"};
    if (request.methods.empty())
        throw UsageError{"--method expects method names separated by commas, e.g. wxx,gradcam (random is scored "
                         "beside them)"};
    const std::string target = args.valueOr("target", "pred");
    if (target != "pred" && target != "label")
        throw UsageError{"--target expects pred or label for an explanation store, got '" + target + "'"};
    request.targetLabels = target == "label";
    const int64_t limit = args.integerAtLeast("limit", 0, 0), chunkSize = args.integerAtLeast("chunk-size", 256, 1);
    request.batchSize = args.integerAtLeast("batch-size", 16, 1);
    request.explainChunk = args.integerAtLeast("chunk", args.has("batch-size") ? request.batchSize : 0, 0);
    // Checked before the model loads; the smoothing's default follows the model's input size.
    const std::optional<int64_t> smooth = args.has("smooth") ? std::optional(smoothOption(args, 0)) : std::nullopt;
    request.wxxAlphaPercentile = alphaPercentileOption(args, 99.5);
    if (!args.has("model"))
        throw UsageError{"an explanation store needs --model MODEL (a model file the studio can reopen)"};

    core::Network network = networkFromArgs(args);
    network->to(core::resolveDevice(args.device("cpu")));
    network->eval();
    const core::ModelDescription &description = network->description();
    const auto source = sourceFor(args.values("input"), description, limit);

    core::StoreIndex header;
    header.model = fs::absolute(args.required("model")).lexically_normal().string();
    header.modelDescription = description.toJson();
    header.input = args.values("input").front();
    header.target = target;
    header.height = header.width = description.preprocessing.inputSize;
    header.numClasses = description.numClasses();
    // The reference's alpha smoothing (15) is for 224 px; small inputs need a small window (as the studio's).
    request.wxxSmooth = smooth.value_or(header.height >= 112 ? 15 : 3);
    for (const auto &run : request.methods)
        header.methods.emplace_back(core::explainMethodName(run.method));
    header.values = core::storeValueColumns(request, header.options);

    core::ExplanationStoreWriter writer(out, header);
    std::vector<std::string> unreadable;
    const int64_t total = source->size();
    {
        ProgressLine line("images");
        request.keepGoing = [&line] { return !line.stopRequested(); };
        for (int64_t first = 0; first < total; first += chunkSize) {
            const int64_t count = std::min(chunkSize, total - first);
            std::vector<std::string> names;
            auto [images, labels] = source->load(first, count, names, unreadable);
            // A chunk of 256 images scored by metrics can take many minutes: the line follows its steps.
            request.progress = [&line, first, count, total](double part) {
                line.report(first + (part < 1 ? 0 : count), total, (first + count * part) / double(total));
            };
            if (!names.empty())
                writer.append(core::explainStoreChunk(*network, images.to(core::moduleDevice(*network)), labels, request),
                              names);
            if (!line.report(first + count, total, double(first + count) / double(total)))
                core::fail(core::ErrorCode::Cancelled, "stopped after {} of {} images: {} holds them (marked incomplete)",
                           writer.index().size(), total, out);
        }
    }
    writer.finish(unreadable);
    fmt::print("wrote {}: {} images, methods {}\n", out, writer.index().size(), fmt::join(header.methods, ","));
    if (!unreadable.empty())
        fmt::print("skipped {} files that could not be decoded (listed in the index)\n", unreadable.size());
    const auto store = core::ExplanationStore::open(out);
    for (const auto &value : header.values) { // a line per value: its mean over the images it has
        const at::Tensor all = store->values(value);
        const at::Tensor kept = all.masked_select(all.isnan().logical_not());
        if (kept.numel() > 0)
            fmt::print("{}: mean {:.4f} ({} images)\n", value, kept.mean().item<double>(), kept.numel());
    }
    return 0;
}

} // namespace bcos::cli
