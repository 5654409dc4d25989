#include "modelinput.h"

#include "app/cli/args.h"
#include "core/data/augment.h"
#include "core/error.h"
#include "core/io/safetensors.h"
#include "core/shape.h"
#include "core/workflows/modelloader.h"

#ifdef BCOS_HAVE_OPENCV
#include "core/imaging/imageio.h"
#endif

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>

namespace bcos::cli {
namespace {

bool hasSuffix(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

at::Tensor imagesFromSafetensors(const std::string &path)
{
    const auto contents = core::readSafetensors(path);
    const at::Tensor *images = contents.tensors.find("images");
    if (!images)
        core::fail(core::ErrorCode::Format, "{}: no tensor 'images' (expected [N, 3, H, W] float32 in [0, 1])", path);
    if (images->dim() != 4 || images->size(1) != 3 || !images->is_floating_point())
        core::fail(core::ErrorCode::Format, "{}: tensor 'images' must be [N, 3, H, W] floating point, got {} {}", path,
                   core::shapeString(images->sizes()), std::string(c10::toString(images->scalar_type())));
    if (images->size(0) == 0) // nothing to predict or explain: said here, not by an operation on no batches
        core::fail(core::ErrorCode::Format, "{}: tensor 'images' holds no images ({})", path,
                   core::shapeString(images->sizes()));
    return images->to(torch::kFloat).contiguous();
}

} // namespace


core::Network networkFromArgs(const Args &args)
{
    const bool model = args.has("model");
    const bool arch = args.has("arch") || args.has("weights");
    if (model == arch)
        throw UsageError{"give either --model MODEL or --arch ARCH --weights FILE"};
    core::ModelFileRequest request;
    request.acceptClip = false; // predict/explain run classifiers; loadModel says why a CLIP file is none
    if (model) {
        request.path = args.required("model");
    } else {
        core::ForeignArchitecture architecture;
        architecture.spec = args.required("arch");
        if (args.has("num-classes"))
            architecture.numClasses = args.integerAtLeast("num-classes", 0, 1);
        request.path = args.required("weights");
        request.architecture = std::move(architecture);
    }
    core::LoadedModelFile loaded = core::loadModelFile(request);
    if (!loaded.notice.empty()) // the class count from the weights' head, a published model's name
        fmt::print(stderr, "{}\n", loaded.notice);
    return loaded.network;
}

at::Tensor readInputImages(const std::vector<std::string> &inputs, const core::Preprocessing &preprocessing)
{
    if (inputs.empty())
        throw UsageError{"missing required option --input"};
    if (inputs.size() == 1 && hasSuffix(inputs.front(), ".safetensors"))
        return imagesFromSafetensors(inputs.front());
    for (const auto &path : inputs)
        if (hasSuffix(path, ".safetensors"))
            throw UsageError{"give one .safetensors input or image files, not both"};
#ifdef BCOS_HAVE_OPENCV
    std::vector<at::Tensor> images;
    for (const auto &path : inputs)
        images.push_back(core::modelInput(imaging::readImage(path), preprocessing.inputSize, preprocessing.resizeSize));
    return torch::stack(images);
#else
    (void)preprocessing;
    core::fail(core::ErrorCode::Unsupported,
               "{}: image files need a build with OpenCV; give a .safetensors file with tensor 'images' instead",
               inputs.front());
#endif
}

void forEachInputBatch(const std::vector<std::string> &inputs, const core::Preprocessing &preprocessing,
                       int64_t batchSize, const std::function<void(const at::Tensor &)> &each)
{
    if (inputs.size() <= 1) { // one tensor file (or one image, or none: readInputImages says what is missing)
        const at::Tensor images = readInputImages(inputs, preprocessing);
        for (int64_t start = 0; start < images.size(0); start += batchSize)
            each(images.slice(0, start, start + batchSize));
        return;
    }
    for (const auto &path : inputs)
        if (hasSuffix(path, ".safetensors"))
            throw UsageError{"give one .safetensors input or image files, not both"};
    for (size_t start = 0; start < inputs.size(); start += static_cast<size_t>(batchSize)) {
        const size_t end = std::min(inputs.size(), start + static_cast<size_t>(batchSize));
        each(readInputImages({inputs.begin() + static_cast<std::ptrdiff_t>(start),
                              inputs.begin() + static_cast<std::ptrdiff_t>(end)},
                             preprocessing));
    }
}

std::vector<std::string> inputImageNames(const std::vector<std::string> &inputs, int64_t count)
{
    if (inputs.size() != 1 || !hasSuffix(inputs.front(), ".safetensors"))
        return inputs;
    std::vector<std::string> names;
    for (int64_t i = 0; i < count; ++i)
        names.push_back(fmt::format("{}[{}]", inputs.front(), i));
    return names;
}

core::Metadata outputMetadata(const std::string &command, const core::NetworkImpl &network)
{
    core::Metadata metadata;
    metadata.set("format", "bcos-" + command + "-v1");
    metadata.set("bcos.model", network.description().toJson().dump());
    return metadata;
}

} // namespace bcos::cli
