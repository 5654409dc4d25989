#include "commands.h"

#include "app/cli/args.h"
#include "app/cli/convertforeign.h"
#include "core/bcosify/bcosify.h"
#include "core/models/family.h"
#include "core/models/foreignmodel.h"
#include "core/models/modelfile.h"
#include "core/workflows/modelloader.h"

#include <fmt/format.h>
#include <torch/torch.h>

namespace bcos::cli {
namespace {

void printConvertHelp()
{
    fmt::print("usage: bcos convert --arch ARCH --weights FILE --out MODEL.safetensors [options]\n"
               "       bcos convert --from bcos-v2 [--arch ZOO_NAME] --weights FILE --out MODEL.safetensors\n"
               "       bcos convert --from bcosification --weights last.ckpt --out MODEL.safetensors\n\n"
               "B-cosifies a standard torchvision CNN (Arya et al., B-cosification, NeurIPS 2024), or stores a\n"
               "published B-cos model: a B-cos-v2 zoo file (resnet_18-68b4160fff.pth ...; ZOO_NAME resnet_18,\n"
               "convnext_tiny_pn, bcos_vitc_ti_patch1_14 ...; recognised from the keys when --arch is not given)\n"
               "or a B-cosification Lightning release.\n"
               "  --from SOURCE       torchvision (default), bcos-v2 or bcosification\n"
               "  --arch ARCH         preset (resnet18..152, resnext50_32x4d, densenet121..201) or a JSON file\n"
               "  --weights FILE      the standard weights, torchvision keys (safetensors, .pth, .ckpt: any format\n"
               "                      bcos inspect reads)\n"
               "  --num-classes N     override the number of classes of ARCH (default: the weights' head)\n"
               "  --b B               alignment exponent (default 2)\n"
               "  --max-out M         MaxOut units per B-cos layer (default 1)\n"
               "  --keep-biases       keep the (folded) biases instead of removing them\n"
               "  --keep-maxpool      keep max-pooling (for B=1 checks)\n"
               "  --mean-free         normalise [x, 1-x] with mean 0 (exactly dynamic linear in the image)\n"
               "  --learn-b           make B trainable\n"
               "  --logit-bias V      logit bias (default -log(999))\n"
               "  --standard          store the standard model without B-cosifying it\n");
}

} // namespace

int runConvert(const std::vector<std::string> &arguments)
{
    Args args(arguments, {"arch", "weights", "num-classes", "b", "max-out", "logit-bias", "out", "from"},
              {"keep-biases", "keep-maxpool", "mean-free", "learn-b", "standard", "help"});
    if (args.has("help")) {
        printConvertHelp();
        return 0;
    }
    args.rejectPositionals();
    if (args.valueOr("from", "torchvision") != "torchvision")
        return convertPublished(args);
    const std::string archSpec = args.required("arch");
    const std::string weightsPath = args.required("weights");
    const std::string out = args.required("out");
    core::BcosSettings settings;
    settings.enabled = true;
    settings.b = args.numberAtLeast("b", settings.b, 1.0);
    settings.maxOut = args.integerAtLeast("max-out", settings.maxOut, 1);
    settings.logitBias = args.number("logit-bias", settings.logitBias);
    settings.keepBiases = args.has("keep-biases");
    settings.keepMaxPool = args.has("keep-maxpool");
    settings.meanFree = args.has("mean-free");
    settings.learnB = args.has("learn-b");

    core::ModelDescription description;
    const core::TensorMap weights = core::readForeignWeights(weightsPath);
    std::string notice;
    const std::optional<int64_t> requested =
        args.has("num-classes") ? std::optional<int64_t>(args.integerAtLeast("num-classes", 0, 1)) : std::nullopt;
    const std::optional<int64_t> classes = core::numClassesFor(archSpec, requested, weights, &notice);
    if (!notice.empty())
        fmt::print(stderr, "{}\n", notice);
    description.architecture = core::resolveArchitecture(archSpec, classes);
    description.provenance = {{"command", "bcos convert"}, {"arch", archSpec}, {"weights", weightsPath}};

    core::Network network = args.has("standard") ? core::loadStandardNetwork(description, weights, weightsPath)
                                                 : core::bcosify(description, weights, settings, weightsPath);
    core::saveModel(out, *network);
    int64_t parameters = 0;
    for (const auto &p : network->parameters())
        parameters += p.numel();
    fmt::print("{} {} ({} classes, {} parameters{}) -> {}\n", network->isBcos() ? "B-cosified" : "stored",
               description.architecture.value("name", description.family()), network->description().numClasses(),
               parameters,
               network->isBcos() ? fmt::format(", B={}, max-out {}, biases {}", settings.b, settings.maxOut,
                                               settings.keepBiases ? "kept" : "removed")
                                 : std::string(),
               out);
    return 0;
}

} // namespace bcos::cli
