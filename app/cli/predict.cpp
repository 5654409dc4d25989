#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/modelinput.h"
#include "core/device.h"
#include "core/io/safetensors.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <vector>

namespace bcos::cli {

int runPredict(const std::vector<std::string> &arguments)
{
    Args args(arguments, {"model", "arch", "weights", "num-classes", "input", "out", "batch-size", "device"},
              {"help"}, {"input"});
    if (args.has("help")) {
        fmt::print("usage: bcos predict (--model MODEL | --arch ARCH --weights FILE [--num-classes N])\n"
                   "                    --input IN [IN2 ...] --out OUT.safetensors [--batch-size 64]\n"
                   "                    [--device cpu|cuda|cuda:N|auto]\n\n"
                   "IN: a .safetensors file with tensor 'images' [N, 3, H, W] in [0, 1], or image files.\n"
                   "Writes 'logits' [N, K] (logit bias included) and 'predictions' [N] (int64). The network runs\n"
                   "on --device (default cpu), --batch-size images per pass; image files are decoded a batch\n"
                   "at a time.\n");
        return 0;
    }
    args.rejectPositionals();
    const std::string out = args.required("out");
    const int64_t batchSize = args.integer("batch-size", 64);
    if (batchSize < 1)
        throw UsageError{fmt::format("--batch-size must be >= 1, got {}", batchSize)};
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
    const at::Tensor predictions = logits.argmax(1);
    core::TensorMap tensors;
    tensors.insert("logits", logits);
    tensors.insert("predictions", predictions);
    core::writeSafetensors(out, tensors, outputMetadata("predict", *network));
    for (int64_t i = 0; i < logits.size(0); ++i) {
        const int64_t k = predictions[i].item<int64_t>();
        fmt::print("{}: {} (logit {:.4f})\n", i, network->description().className(k), logits[i][k].item<double>());
    }
    return 0;
}

} // namespace bcos::cli
