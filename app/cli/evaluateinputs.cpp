// Inputs shared by the model-based `bcos evaluate` subcommands: the model file, the test split or image file.
#include "evaluateinputs.h"

#include "app/cli/args.h"
#include "core/data/augment.h"
#include "core/data/cifardataset.h"
#include "core/data/idxdataset.h"
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

#include <filesystem>

namespace bcos::cli {
/// Dataset images prepared as the trainer's evaluation pipeline did for this model (core/data/augment.h:
/// resize the shorter side to resizeSize, centre crop inputSize), so accuracies match training's.
at::Tensor evalTransform(const at::Tensor &images, const core::Preprocessing &preprocessing)
{
    if (images.size(-1) == preprocessing.inputSize && images.size(-2) == preprocessing.inputSize
        && (preprocessing.resizeSize == preprocessing.inputSize || preprocessing.resizeSize == 0))
        return images;
    core::AugmentOptions options;
    options.size = preprocessing.inputSize;
    options.train = false;
    if (preprocessing.resizeSize > 0)
        options.evalResizeRatio = double(preprocessing.resizeSize) / double(preprocessing.inputSize);
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
    const imaging::ImageFolderSplit split = imaging::openImageFolder(dataSpec.path, 0.0, 0);
    return split.val ? split.val : split.train;
#else
    (void)dataSpec;
    core::fail(core::ErrorCode::Unsupported, "--data {}: image folders need a build with OpenCV (bcos_imaging)", spec);
#endif
}

} // namespace

std::pair<at::Tensor, at::Tensor> testSplit(const std::string &spec, int64_t limit)
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
    data = core::headSubset(data, limit);
    std::vector<at::Tensor> images;
    std::vector<int64_t> labels;
    for (int64_t i = 0; i < data->size(); ++i) {
        core::Sample sample = data->get(i);
        images.push_back(sample.image);
        labels.push_back(sample.label);
    }
    if (images.empty())
        core::fail(core::ErrorCode::InvalidArgument, "{}: the test split is empty", spec);
    return {torch::stack(images), torch::tensor(labels, torch::kLong)};
}

ModelInputs loadModelInputs(const Args &args)
{
    ModelInputs inputs;
    inputs.device = core::resolveDevice(args.device("cpu"));
    core::ModelFileRequest request;
    request.path = args.required("model");
    request.acceptClip = false; // the metrics score classifiers; loadModel says why a CLIP file is none
    inputs.network = core::loadModelFile(request).network;
    inputs.network->to(inputs.device);
    inputs.network->eval();
    if (args.has("images") == args.has("data"))
        throw UsageError{"give exactly one of --images I.safetensors or --data idx:DIR|cifar:DIR|FOLDER"};
    if (args.has("data")) {
        const auto [images, labels] = testSplit(args.required("data"), args.integer("limit", 0));
        inputs.images = evalTransform(images, inputs.network->description().preprocessing);
        inputs.labels = labels;
    } else {
        const std::string path = args.required("images");
        const auto contents = core::readSafetensors(path);
        inputs.images = requireTensor(contents, path, "images", "[N, 3, H, W] in [0, 1]");
        inputs.labels = requireTensor(contents, path, "labels", "[N] class indices");
        if (inputs.images.dim() != 4 || inputs.images.size(1) != 3 || !inputs.images.is_floating_point())
            core::fail(core::ErrorCode::Format, "{}: 'images' must be [N, 3, H, W] floating point in [0, 1], got {}",
                       path, core::shapeString(inputs.images.sizes()));
        if (inputs.labels.dim() != 1 || inputs.labels.size(0) != inputs.images.size(0)
            || inputs.labels.is_floating_point())
            core::fail(core::ErrorCode::Format, "{}: 'labels' must be [{}] integers, got {}", path,
                       inputs.images.size(0), core::shapeString(inputs.labels.sizes()));
    }
    if (inputs.labels.numel() > 0 && inputs.labels.max().item<int64_t>() >= inputs.network->description().numClasses())
        core::fail(core::ErrorCode::Mismatch, "the labels go up to {}, but the model has {} classes",
                   inputs.labels.max().item<int64_t>(), inputs.network->description().numClasses());
    inputs.images = inputs.images.to(inputs.device, torch::kFloat);
    inputs.labels = inputs.labels.to(inputs.device, torch::kLong);
    return inputs;
}

at::Tensor batchedLogits(core::NetworkImpl &network, const at::Tensor &images, int64_t batchSize)
{
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> logits;
    for (int64_t begin = 0; begin < images.size(0); begin += batchSize)
        logits.push_back(network.forward(network.encode(images.slice(0, begin, begin + batchSize))));
    return torch::cat(logits);
}

int64_t batchOption(const Args &args)
{
    const int64_t batch = args.integer("batch-size", 64);
    if (batch < 1)
        throw UsageError{fmt::format("option --batch-size expects a positive number, got {}", batch)};
    return batch;
}

} // namespace bcos::cli
