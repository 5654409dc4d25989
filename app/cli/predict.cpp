#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/modelinput.h"
#include "core/io/safetensors.h"

#include <fmt/format.h>
#include <torch/torch.h>

namespace bcos::cli {

int runPredict(const std::vector<std::string> &arguments)
{
    Args args(arguments, {"model", "arch", "weights", "num-classes", "input", "out"}, {"help"}, {"input"});
    if (args.has("help")) {
        fmt::print("usage: bcos predict (--model MODEL | --arch ARCH --weights FILE [--num-classes N])\n"
                   "                    --input IN [IN2 ...] --out OUT.safetensors\n\n"
                   "IN: a .safetensors file with tensor 'images' [N, 3, H, W] in [0, 1], or image files.\n"
                   "Writes 'logits' [N, K] (logit bias included) and 'predictions' [N] (int64).\n");
        return 0;
    }
    args.rejectPositionals();
    const std::string out = args.required("out");
    core::Network network = networkFromArgs(args);
    network->eval();
    const at::Tensor images = readInputImages(args.values("input"), network->description().preprocessing);
    at::Tensor logits;
    {
        torch::NoGradGuard noGrad;
        logits = network->forward(network->encode(images)).contiguous();
    }
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
