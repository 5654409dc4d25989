#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/modelinput.h"
#include "core/explain/rgba.h"
#include "core/explain/wxx.h"
#include "core/io/safetensors.h"

#include <fmt/format.h>
#include <torch/torch.h>

namespace bcos::cli {
namespace {

/// What every explanation method gets from the command line.
struct ExplainOptions {
    int64_t smooth = 15;           ///< RGBA alpha smoothing kernel (0: none)
    double alphaPercentile = 99.5; ///< RGBA alpha cut-off percentile
};

/// One explanation method: images [N, 3, H, W] in [0, 1] and targets [N] (undefined: predicted classes) ->
/// the tensors to write (at least "logits" and "targets").
struct ExplainMethod {
    const char *name;
    const char *summary;
    core::TensorMap (*run)(core::NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets,
                           const ExplainOptions &options);
};

core::TensorMap runWxx(core::NetworkImpl &network, const at::Tensor &images, const at::Tensor &targets,
                       const ExplainOptions &options)
{
    const core::WxxResult result = core::explainWxx(network, images, targets);
    const at::Tensor image6 = network.encode(images.to(result.dynamicWeights.options()));
    core::TensorMap out;
    out.insert("logits", result.logits);
    out.insert("targets", result.targets);
    out.insert("dynamic_weights", result.dynamicWeights);
    out.insert("contributions", result.contributions);
    out.insert("rgba", core::gradientToRgba(image6, result.dynamicWeights, options.smooth, options.alphaPercentile));
    return out;
}

// Methods other helpers add (GradCAM, ...) get one line here.
const std::vector<ExplainMethod> &explainMethods()
{
    static const std::vector<ExplainMethod> list{
        {"wxx", "B-cos dynamic linear explanation W(x) and contributions W(x) * x (B-cos networks)", &runWxx},
    };
    return list;
}

const ExplainMethod &findMethod(const std::string &name)
{
    std::string known;
    for (const auto &method : explainMethods()) {
        if (name == method.name)
            return method;
        known += (known.empty() ? "" : ", ") + std::string(method.name);
    }
    throw UsageError{"unknown --method '" + name + "' (available: " + known + ")"};
}

at::Tensor parseTargets(const std::string &text, int64_t count)
{
    if (text == "pred")
        return {};
    char *end = nullptr;
    const long long k = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || k < 0)
        throw UsageError{"--target expects 'pred' or a class index, got '" + text + "'"};
    return torch::full({count}, static_cast<int64_t>(k), torch::kLong);
}

} // namespace

int runExplain(const std::vector<std::string> &arguments)
{
    Args args(arguments,
              {"model", "arch", "weights", "num-classes", "input", "out", "method", "target", "smooth",
               "alpha-percentile"},
              {"help"});
    if (args.has("help")) {
        fmt::print("usage: bcos explain (--model MODEL | --arch ARCH --weights FILE) --input IN --out OUT.safetensors\n"
                   "                    [--method wxx] [--target pred|K] [--smooth 15] [--alpha-percentile 99.5]\n\n"
                   "methods:\n");
        for (const auto &method : explainMethods())
            fmt::print("  {:<8} {}\n", method.name, method.summary);
        return 0;
    }
    const ExplainMethod &method = findMethod(args.valueOr("method", "wxx"));
    const std::string out = args.required("out");
    ExplainOptions options;
    options.smooth = args.integer("smooth", options.smooth);
    options.alphaPercentile = args.number("alpha-percentile", options.alphaPercentile);
    core::Network network = networkFromArgs(args);
    network->eval();
    const at::Tensor images = readInputImages(args.values("input"), network->description().preprocessing);
    const at::Tensor targets = parseTargets(args.valueOr("target", "pred"), images.size(0));
    core::TensorMap tensors = method.run(*network, images, targets, options);
    core::Metadata metadata = outputMetadata("explain", *network);
    metadata.set("method", method.name);
    core::writeSafetensors(out, tensors, metadata);
    const at::Tensor explained = tensors["targets"];
    for (int64_t i = 0; i < explained.size(0); ++i) {
        const int64_t k = explained[i].item<int64_t>();
        fmt::print("{}: explained {} (logit {:.4f})\n", i, network->description().className(k),
                   tensors["logits"][i][k].item<double>());
    }
    return 0;
}

} // namespace bcos::cli
