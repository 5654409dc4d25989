// bcos explain: any attribution method of core/explain on a model file (or standard weights), written as
// safetensors, optionally also as PNG files with a recipe.
#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/explainpng.h"
#include "app/cli/explainstore.h"
#include "app/cli/modelinput.h"
#include "core/device.h"
#include "core/error.h"
#include "core/explain/explainchunks.h"
#include "core/explain/explainer.h"
#include "core/explain/rgba.h"
#include "core/io/safetensors.h"
#include "core/shape.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <cerrno>
#include <fstream>

namespace bcos::cli {
namespace {

constexpr const char *kUsage = R"(usage: bcos explain (--model MODEL | --arch ARCH --weights FILE [--num-classes K])
                    --input IN... --out OUT.safetensors [--method M] [options]

  --method M             wxx (default; B-cos networks), gradcam, ixg, intgrad, guided, occlusion, rise
  --target pred|K        explain the predicted class (default) or class K for every image
  --targets FILE         one class per image: a .safetensors with 'targets' [N] int64, or a text file with
                         one class index per line
  --batch-size N         forward passes per chunk (intgrad, occlusion, rise; 64)
  --chunk N              images explained per pass (default: as many as half the free memory holds, measured on
                         the first image; at most 8 on the CPU, 256 on a GPU)
  --device D             cpu (default), cuda, cuda:1, auto
  --gradcam-weights sum|mean   GradCAM channel weights: sum of the gradients (reference, default) or mean
  --steps N              intgrad: Riemann steps (32)
  --window N --stride N  occlusion: patch side (16) and step (8)
  --masks N --seed S     rise: number of random masks (1000) and their seed (0)
  --smooth K --alpha-percentile P   wxx RGBA rendering (15, 99.5)
  --png DIR              also write DIR/image<i>/{input,map,overlay}.png and DIR/recipe.json (needs OpenCV)

OUT holds 'logits' [N, K], 'targets' [N] int64 and 'attributions' [N, H, W] (input resolution); wxx adds
'dynamic_weights' [N, 6, H, W], 'contributions' [N, H, W] and 'rgba' [N, H, W, 4]; gradcam adds 'cam' [N, h, w].
)";

/// Reads --targets: safetensors tensor 'targets' [N] (integer) or a text file with one class per line.
at::Tensor targetsFromFile(const std::string &path, int64_t count)
{
    at::Tensor targets;
    if (path.size() >= 12 && path.compare(path.size() - 12, 12, ".safetensors") == 0) {
        const auto contents = core::readSafetensors(path);
        const at::Tensor *found = contents.tensors.find("targets");
        if (!found)
            core::fail(core::ErrorCode::Format, "{}: no tensor 'targets' (expected [{}] int64 classes)", path, count);
        if (found->dim() != 1 || found->is_floating_point())
            core::fail(core::ErrorCode::Format, "{}: 'targets' must be [{}] integer classes, got {} {}", path, count,
                       core::shapeString(found->sizes()), std::string(c10::toString(found->scalar_type())));
        targets = found->to(torch::kLong);
    } else {
        std::ifstream in(path);
        if (!in)
            core::fail(core::ErrorCode::Io, "{}: cannot open the targets file", path);
        std::vector<int64_t> classes;
        int lineNumber = 0;
        for (std::string line; std::getline(in, line);) {
            ++lineNumber;
            if (line.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            size_t used = 0;
            long long k = -1;
            try {
                k = std::stoll(line, &used);
            } catch (const std::exception &) {
            }
            if (k < 0 || line.find_first_not_of(" \t\r", used) != std::string::npos)
                core::fail(core::ErrorCode::Format, "{}:{}: expected a class index, got '{}'", path, lineNumber, line);
            classes.push_back(k);
        }
        targets = torch::tensor(classes, torch::kLong);
    }
    if (targets.size(0) != count)
        core::fail(core::ErrorCode::Mismatch, "{}: {} targets for {} images", path, targets.size(0), count);
    return targets;
}

std::optional<at::Tensor> targetsFrom(const Args &args, int64_t count)
{
    if (args.has("target") && args.has("targets"))
        throw UsageError{"give either --target or --targets, not both"};
    if (args.has("targets"))
        return targetsFromFile(args.required("targets"), count);
    const std::string text = args.valueOr("target", "pred");
    if (text == "pred")
        return std::nullopt;
    char *end = nullptr;
    errno = 0;
    const long long k = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || k < 0 || errno == ERANGE)
        throw UsageError{"--target expects 'pred' or a class index, got '" + text + "'"};
    return torch::full({count}, static_cast<int64_t>(k), torch::kLong);
}

/// The request's method parameters from the command line; `parameters` records those `method` uses.
core::ExplainRequest requestFrom(const Args &args, core::ExplainMethod method, nlohmann::json &parameters)
{
    core::ExplainRequest request;
    request.batchSize = args.integerAtLeast("batch-size", request.batchSize, 1);
    const std::string weights = args.valueOr("gradcam-weights", "sum");
    if (weights != "sum" && weights != "mean")
        throw UsageError{"--gradcam-weights expects sum or mean, got '" + weights + "'"};
    request.gradCam.meanWeights = weights == "mean";
    request.integratedGradients.steps = args.integerAtLeast("steps", request.integratedGradients.steps, 1);
    request.occlusion.window = args.integerAtLeast("window", request.occlusion.window, 1);
    request.occlusion.stride = args.integerAtLeast("stride", request.occlusion.stride, 1);
    request.rise.numMasks = args.integerAtLeast("masks", request.rise.numMasks, 1);
    request.rise.seed = seedOption(args, 0);
    switch (method) {
    case core::ExplainMethod::Wxx:
        parameters = {{"smooth", smoothOption(args, 15)}, {"alpha_percentile", alphaPercentileOption(args, 99.5)}};
        break;
    case core::ExplainMethod::GradCam: parameters = {{"gradcam_weights", weights}}; break;
    case core::ExplainMethod::IntegratedGradients:
        parameters = {{"steps", request.integratedGradients.steps}, {"batch_size", request.batchSize}};
        break;
    case core::ExplainMethod::Occlusion:
        parameters = {{"window", request.occlusion.window}, {"stride", request.occlusion.stride},
                      {"batch_size", request.batchSize}};
        break;
    case core::ExplainMethod::Rise:
        parameters = {{"masks", request.rise.numMasks}, {"seed", request.rise.seed}, {"batch_size", request.batchSize}};
        break;
    default: parameters = nlohmann::json::object(); break;
    }
    return request;
}

/// The explanation's tensors on the CPU (the output file's device).
core::Explanation toCpu(core::Explanation explanation)
{
    for (at::Tensor *tensor : {&explanation.logits, &explanation.targets, &explanation.attributions,
                               &explanation.perChannel, &explanation.cam})
        if (tensor->defined())
            *tensor = tensor->to(torch::kCPU);
    return explanation;
}

/// The tensors of the output file for `explanation`.
core::TensorMap outputTensors(core::NetworkImpl &network, const at::Tensor &images,
                              const core::Explanation &explanation, const nlohmann::json &parameters)
{
    core::TensorMap out;
    out.insert("logits", explanation.logits.contiguous());
    out.insert("targets", explanation.targets.contiguous());
    out.insert("attributions", explanation.attributions.contiguous());
    if (explanation.method == core::ExplainMethod::Wxx) {
        out.insert("dynamic_weights", explanation.perChannel.contiguous());
        out.insert("contributions", explanation.attributions.contiguous());
        const at::Tensor image6 = network.encode(images.to(explanation.perChannel.options()));
        out.insert("rgba", core::gradientToRgba(image6, explanation.perChannel, parameters["smooth"].get<int64_t>(),
                                                parameters["alpha_percentile"].get<double>()));
    }
    if (explanation.method == core::ExplainMethod::GradCam)
        out.insert("cam", explanation.cam.contiguous());
    return out;
}

} // namespace

int runExplain(const std::vector<std::string> &arguments)
{
    std::vector<std::string> options{"model", "arch", "weights", "num-classes", "input", "out", "method",
                                     "target", "targets", "smooth", "alpha-percentile", "batch-size",
                                     "gradcam-weights", "steps", "window", "stride", "masks", "seed", "png", "chunk", "device"};
    options.insert(options.end(), storeOptionNames().begin(), storeOptionNames().end());
    Args args(arguments, options, {"help"}, {"input"});
    if (args.has("help")) {
        fmt::print("{}{}", kUsage, storeUsage());
        return 0;
    }
    args.rejectPositionals();
    const std::string out = args.required("out");
    const bool store = out.size() < 12 || out.compare(out.size() - 12, 12, ".safetensors") != 0;
    for (const auto &option : storeOptionNames())
        if (args.has(option) && !store)
            throw UsageError{"--" + option + " belongs to an explanation store: give --out a folder, not a .safetensors file"};
    if (store) {
        for (const char *option : {"targets", "png"})
            if (args.has(option))
                throw UsageError{std::string("--") + option + " writes single-file results: give --out OUT.safetensors"};
        return runExplainStore(args, [&args](core::ExplainMethod method, nlohmann::json &parameters) {
            return requestFrom(args, method, parameters);
        });
    }
    core::ExplainMethod method{};
    try {
        method = core::parseExplainMethod(args.valueOr("method", "wxx"));
    } catch (const core::Error &error) {
        throw UsageError{std::string("--method: ") + error.what()};
    }
    nlohmann::json parameters;
    core::ExplainRequest request = requestFrom(args, method, parameters);
    const int64_t chunk = args.integer("chunk", 0);
    if (chunk < 0)
        throw UsageError{fmt::format("--chunk must be a number of images >= 1 (or 0: from the memory), got {}", chunk)};
#ifndef BCOS_HAVE_OPENCV
    if (args.has("png"))
        core::fail(core::ErrorCode::Unsupported, "--png needs a build with OpenCV (bcos_imaging), which this one lacks");
#endif
    core::Network network = networkFromArgs(args);
    network->eval();
    const c10::Device device = core::resolveDevice(args.device("cpu"));
    network->to(device);
    const std::vector<std::string> inputs = args.values("input");
    const at::Tensor images = readInputImages(inputs, network->description().preprocessing);
    request.images = images.to(device);
    if (auto targets = targetsFrom(args, images.size(0)))
        request.targets = targets->to(device);
    const core::Explanation explanation = toCpu(core::explainInChunks(*network, method, request, chunk).explanation);
    network->to(torch::kCPU);

    const core::TensorMap tensors = outputTensors(*network, images, explanation, parameters);
    core::Metadata metadata = outputMetadata("explain", *network);
    metadata.set("method", std::string(core::explainMethodName(method)));
    metadata.set("parameters", parameters.dump());
    core::writeSafetensors(out, tensors, metadata);
#ifdef BCOS_HAVE_OPENCV
    if (args.has("png")) {
        ExplainRecipe recipe;
        recipe.model = args.has("model") ? nlohmann::json{{"model", args.required("model")}}
                                         : nlohmann::json{{"arch", args.required("arch")}, {"weights", args.required("weights")}};
        recipe.inputs = inputs;
        recipe.method = std::string(core::explainMethodName(method));
        recipe.parameters = parameters;
        recipe.parameters["target"] = args.valueOr("targets", args.valueOr("target", "pred"));
        writeExplanationPngs(args.required("png"), images, tensors, recipe);
    }
#endif
    const std::vector<std::string> names = inputImageNames(inputs, explanation.targets.size(0));
    for (int64_t i = 0; i < explanation.targets.size(0); ++i) {
        const int64_t k = explanation.targets[i].item<int64_t>();
        const std::string pngs = args.has("png") ? fmt::format(" -> {}/image{}", args.required("png"), i) : "";
        fmt::print("{}{}: explained {} (logit {:.4f})\n", names[size_t(i)], pngs, network->description().className(k),
                   explanation.logits[i][k].item<double>());
    }
    return 0;
}

} // namespace bcos::cli
