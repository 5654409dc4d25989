// Inputs shared by the model-based `bcos evaluate` subcommands: the model file, the test split or image file.
#include "evaluateinputs.h"

#include "app/cli/args.h"
#include "core/data/augment.h"
#include "core/data/classorder.h"
#include "core/data/cifardataset.h"
#include "core/data/dataloader.h"
#include "core/data/idxdataset.h"
#include "core/data/tensordataset.h"
#include "core/device.h"
#include "core/error.h"
#include "core/shape.h"
#include "core/workflows/datasetspec.h"
#include "core/workflows/modelloader.h"
#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imagefolder.h"
#endif

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>

namespace bcos::cli {
core::AugmentOptions evalAugmentOptions(const core::Preprocessing &preprocessing)
{
    core::AugmentOptions options;
    options.size = preprocessing.inputSize;
    options.train = false;
    options.evalResizeRatio =
        preprocessing.resizeSize > 0 ? double(preprocessing.resizeSize) / double(preprocessing.inputSize) : 1.0;
    return options;
}

at::Tensor evalTransform(const at::Tensor &images, const core::Preprocessing &preprocessing)
{
    const core::AugmentOptions options = evalAugmentOptions(preprocessing);
    std::vector<at::Tensor> out;
    out.reserve(size_t(images.size(0)));
    for (int64_t i = 0; i < images.size(0); ++i)
        out.push_back(core::augmentImage(images[i], options, 0));
    return torch::stack(out);
}

at::Tensor requireTensor(const core::SafetensorsContents &contents, const std::string &path, const std::string &name,
                         const std::string &expected)
{
    if (!contents.tensors.contains(name))
        core::fail(core::ErrorCode::Format, "{}: missing tensor '{}' (expected {})", path, name, expected);
    return contents.tensors[name];
}

namespace {

/// The evaluation images of an image folder of class folders: its val/ folder when it has train/ and val/ (what
/// bcos train holds out), else every image in it (imaging::openImageFolder without a split).
std::shared_ptr<const core::Dataset> folderTestSplit(const std::string &spec, const core::DatasetSpec &dataSpec)
{
    if (!std::filesystem::is_directory(dataSpec.path))
        throw UsageError{"--data expects idx:DIR, cifar:DIR or a folder of class folders, got '" + spec + "'"};
#ifdef BCOS_HAVE_OPENCV
    // An empty class folder is one of the classes with no images here: matched by name, or numbered in sorted order
    // with the others as the model's training folder numbered them.
    const imaging::ImageFolderSplit split =
        imaging::openImageFolder(dataSpec.path, 0.0, 0, imaging::EmptyClassFolders::Counted);
    return split.val ? split.val : split.train;
#else
    (void)dataSpec;
    core::fail(core::ErrorCode::Unsupported, "--data {}: image folders need a build with OpenCV (bcos_imaging)", spec);
#endif
}

/// `base` with its labels in another class order (label l becomes `order[l]`) and `classNames` as its classes.
class ReorderedClasses : public core::Dataset {
public:
    ReorderedClasses(std::shared_ptr<const core::Dataset> base, std::vector<int64_t> order,
                     std::vector<std::string> classNames)
        : m_base(std::move(base))
        , m_order(std::move(order))
        , m_classNames(std::move(classNames))
    {
    }
    int64_t size() const override { return m_base->size(); }
    int64_t numClasses() const override { return static_cast<int64_t>(m_classNames.size()); }
    std::vector<std::string> classNames() const override { return m_classNames; }
    core::Sample get(int64_t index) const override
    {
        core::Sample sample = m_base->get(index);
        sample.label = m_order[static_cast<size_t>(sample.label)];
        return sample;
    }
    int64_t label(int64_t index) const override { return m_order[static_cast<size_t>(m_base->label(index))]; }
    std::string sampleName(int64_t index) const override { return m_base->sampleName(index); }

private:
    std::shared_ptr<const core::Dataset> m_base;
    std::vector<int64_t> m_order;
    std::vector<std::string> m_classNames;
};

/// "a, b, c, ... (N in all)": the first few of many names.
std::string someNames(const std::vector<std::string> &names)
{
    constexpr size_t kShown = 5;
    std::string text;
    for (size_t i = 0; i < std::min(kShown, names.size()); ++i)
        text += (i > 0 ? ", " : "") + names[i];
    return names.size() > kShown ? fmt::format("{}, ... ({} in all)", text, names.size()) : text;
}

} // namespace

std::shared_ptr<const core::Dataset> matchClasses(std::shared_ptr<const core::Dataset> data, const std::string &spec,
                                                  const std::vector<std::string> &classNames, int64_t classCount,
                                                  const std::string &whose)
{
    if (!data->hasLabels())
        return data;
    if (!data->hasClassNames()) { // IDX: the labels are class indices
        int64_t top = -1;
        for (int64_t i = 0; i < data->size(); ++i)
            top = std::max(top, data->label(i));
        if (top >= classCount)
            core::fail(core::ErrorCode::Mismatch, "the labels go up to {}, but {} has {} classes", top, whose,
                       classCount);
        return data;
    }
    const std::vector<std::string> names = data->classNames();
    if (std::optional<std::vector<int64_t>> order = core::classOrder(names, classNames, classCount)) {
        bool same = static_cast<int64_t>(names.size()) == classCount;
        for (size_t i = 0; i < order->size() && same; ++i)
            same = (*order)[i] == static_cast<int64_t>(i);
        return same ? data
                    : std::make_shared<ReorderedClasses>(std::move(data), std::move(*order),
                                                         core::indexNamesIfNone(classNames, classCount));
    }
    core::fail(core::ErrorCode::Mismatch,
               "--data {}: its {} classes ({}) are not the {} classes of {} ({}): a label means a class where the "
               "class names are among them or where the counts agree",
               spec, names.size(), someNames(names), classCount, whose,
               someNames(core::indexNamesIfNone(classNames, classCount)));
}

std::shared_ptr<const core::Dataset> testSplit(const std::string &spec, int64_t limit)
{
    core::DatasetSpec dataSpec = core::parseDatasetSpec(spec); // the same parser and readers as bcos train
    if (limit < 0)
        throw UsageError{fmt::format("--limit must be >= 0, got {}", limit)};
    // Only the held-out split (IDX t10k, CIFAR test_batch): the training files need not be there.
    std::shared_ptr<const core::Dataset> data;
    if (dataSpec.kind == core::DatasetKind::Idx)
        data = std::make_shared<core::IdxDataset>(dataSpec.path, false);
    else if (dataSpec.kind == core::DatasetKind::Cifar)
        data = std::make_shared<core::CifarDataset>(dataSpec.path, false);
    else
        data = folderTestSplit(spec, dataSpec);
    if (data->size() == 0)
        core::fail(core::ErrorCode::InvalidArgument, "{}: the test split is empty", spec);
    return core::headSubset(data, limit);
}

EvaluationImages::EvaluationImages(std::shared_ptr<const core::Dataset> data, core::AugmentOptions transform,
                                   int workers)
    : m_data(std::move(data))
    , m_transform(transform)
    , m_workers(workers)
{
}

at::Tensor EvaluationImages::labels() const
{
    std::vector<int64_t> labels(static_cast<size_t>(size()));
    for (int64_t i = 0; i < size(); ++i)
        labels[static_cast<size_t>(i)] = m_data->label(i);
    return torch::tensor(labels, torch::kLong);
}

EvaluationImages::ChunkReader EvaluationImages::reader(int64_t batchSize, c10::Device device) const
{
    core::LoaderOptions options;
    options.batchSize = batchSize;
    options.shuffle = false;
    options.workers = m_workers;
    options.augment = m_transform;
    options.pinMemory = device.is_cuda(); // the copies below then overlap the host's work
    auto loader = std::make_shared<core::DataLoader>(m_data, options);
    loader->startEpoch(0);
    auto next = std::make_shared<int64_t>(0);
    return [loader, next, device](int64_t begin, int64_t end) {
        std::optional<core::Batch> batch;
        if (begin == *next)
            batch = loader->next();
        if (!batch || batch->images.size(0) != end - begin)
            core::fail(core::ErrorCode::Internal,
                       "evaluation images: images {}..{} asked for, but the chunks are read in order from image {}",
                       begin, end - 1, *next);
        *next = end;
        return std::pair{batch->images.to(device, torch::kFloat, /*non_blocking=*/true),
                         batch->labels.to(device, torch::kLong, /*non_blocking=*/true)};
    };
}

void EvaluationImages::forEachChunk(int64_t batchSize, c10::Device device, const ChunkVisitor &each) const
{
    const ChunkReader read = reader(batchSize, device);
    for (int64_t begin = 0; begin < size(); begin += batchSize) {
        const int64_t end = std::min(size(), begin + batchSize);
        const auto [images, labels] = read(begin, end);
        each(begin, images, labels);
    }
}

at::Tensor EvaluationImages::gather(const std::vector<int64_t> &indices,
                                    const std::function<at::Tensor(const at::Tensor &)> &fit) const
{
    std::vector<at::Tensor> images;
    images.reserve(indices.size());
    for (const int64_t index : indices) {
        const at::Tensor image = core::augmentImage(m_data->get(index).image, m_transform, 0);
        images.push_back(fit ? fit(image) : image);
    }
    return torch::stack(images);
}

void requireLabels(const Args &args, const EvaluationImages &images, const std::string &what)
{
    if (!images.hasLabels())
        core::fail(core::ErrorCode::InvalidArgument,
                   "--data {}: the images have no labels (no class folders), and {} needs them", args.required("data"),
                   what);
}

ModelInputs loadModelInputs(const Args &args)
{
    ModelInputs inputs;
    inputs.device = core::resolveDevice(args.device("cpu"));
    const int workers = workersOption(args, 2);
    core::ModelFileRequest request;
    request.path = args.required("model");
    request.acceptClip = false; // the metrics score classifiers; loadModel says why a CLIP file is none
    inputs.network = core::loadModelFile(request).network;
    inputs.network->to(inputs.device);
    inputs.network->eval();
    if (args.has("images") == args.has("data"))
        throw UsageError{"give exactly one of --images I.safetensors or --data idx:DIR|cifar:DIR|FOLDER"};
    const int64_t classes = inputs.network->description().numClasses();
    if (args.has("data")) {
        // Each image is decoded and prepared as the trainer evaluated (whatever its own size) when it is read.
        const core::ModelDescription &model = inputs.network->description();
        inputs.images = std::make_shared<EvaluationImages>(
            matchClasses(testSplit(args.required("data"), args.integerAtLeast("limit", 0, 0)), args.required("data"),
                         model.classNames, classes, "the model"),
            evalAugmentOptions(model.preprocessing), int(workers));
    } else {
        const std::string path = args.required("images");
        const auto contents = core::readSafetensors(path);
        const at::Tensor images = requireTensor(contents, path, "images", "[N, 3, H, W] in [0, 1]");
        const at::Tensor labels = requireTensor(contents, path, "labels", "[N] class indices");
        if (images.dim() != 4 || images.size(1) != 3 || !images.is_floating_point())
            core::fail(core::ErrorCode::Format, "{}: 'images' must be [N, 3, H, W] floating point in [0, 1], got {}",
                       path, core::shapeString(images.sizes()));
        if (labels.dim() != 1 || labels.size(0) != images.size(0) || labels.is_floating_point())
            core::fail(core::ErrorCode::Format, "{}: 'labels' must be [{}] integers, got {}", path, images.size(0),
                       core::shapeString(labels.sizes()));
        core::AugmentOptions asTheyAre;
        asTheyAre.size = 0;
        asTheyAre.train = false;
        if (labels.numel() > 0 && labels.max().item<int64_t>() >= classes)
            core::fail(core::ErrorCode::Mismatch, "the labels go up to {}, but the model has {} classes",
                       labels.max().item<int64_t>(), classes);
        inputs.images = std::make_shared<EvaluationImages>(std::make_shared<core::TensorDataset>(images, labels, classes),
                                                           asTheyAre, int(workers));
    }
    return inputs;
}

int64_t batchOption(const Args &args)
{
    return args.integerAtLeast("batch-size", 64, 1);
}

} // namespace bcos::cli
