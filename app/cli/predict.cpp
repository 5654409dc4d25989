#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/modelinput.h"
#include "core/device.h"
#include "core/io/safetensors.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <vector>

namespace bcos::cli {
namespace {

/// A line per image: its name (inputImageNames) and its `top` classes, best first, with softmax probability and logit.
void printTopClasses(const std::vector<std::string> &inputs, const at::Tensor &logits, int64_t top,
                     const core::ModelDescription &description)
{
    const std::vector<std::string> names = inputImageNames(inputs, logits.size(0));
    const auto [probabilities, classes] = logits.softmax(1).topk(std::min(top, logits.size(1)), 1);
    for (int64_t i = 0; i < logits.size(0); ++i) {
        std::string line = names[size_t(i)] + ":";
        for (int64_t j = 0; j < classes.size(1); ++j) {
            const int64_t k = classes[i][j].item<int64_t>();
            line += fmt::format("{} {} {:.1f} % (logit {:.4f})", j == 0 ? "" : ";", description.className(k),
                                100 * probabilities[i][j].item<double>(), logits[i][k].item<double>());
        }
        fmt::print("{}\n", line);
    }
}

} // namespace

int runPredict(const std::vector<std::string> &arguments)
{
    Args args(arguments, {"model", "arch", "weights", "num-classes", "input", "out", "top", "batch-size", "device"},
              {"help"}, {"input"});
    if (args.has("help")) {
        fmt::print("usage: bcos predict (--model MODEL | --arch ARCH --weights FILE [--num-classes N])\n"
                   "                    --input IN [IN2 ...] [--top K] [--out OUT.safetensors] [--batch-size 64]\n"
                   "                    [--device cpu|cuda|cuda:N|auto]\n\n"
                   "IN: a .safetensors file with tensor 'images' [N, 3, H, W] in [0, 1], or image files.\n"
                   "Prints a line per image: its file (or IN[i] for a tensor file) and its --top K classes\n"
                   "(default 1), each with its softmax probability and logit. --out also writes 'logits'\n"
                   "[N, classes] (logit bias included) and 'predictions' [N] (int64). The network runs on\n"
                   "--device (default cpu), --batch-size images per pass; image files are decoded a batch\n"
                   "at a time.\n");
        return 0;
    }
    args.rejectPositionals();
    const int64_t batchSize = args.integerAtLeast("batch-size", 64, 1);
    const int64_t top = args.integerAtLeast("top", 1, 1);
    const c10::Device device = core::resolveDevice(args.device("cpu"));
    core::Network network = networkFromArgs(args);
    network->eval();
    network->to(device);
    std::vector<at::Tensor> batches;
    forEachInputBatch(args.values("input"), network->description().preprocessing, batchSize,
                      [&](const at::Tensor &images) { // image files are decoded a batch at a time
                          torch::NoGradGuard noGrad;
                          batches.push_back(network->forward(network->encode(images.to(device))).to(torch::kCPU));
                      });
    const at::Tensor logits = torch::cat(batches).contiguous();
    if (args.has("out")) {
        core::TensorMap tensors;
        tensors.insert("logits", logits);
        tensors.insert("predictions", logits.argmax(1));
        core::writeSafetensors(args.required("out"), tensors, outputMetadata("predict", *network));
    }
    printTopClasses(args.values("input"), logits, top, network->description());
    return 0;
}

} // namespace bcos::cli
