#include "convertforeign.h"

#include "app/cli/args.h"
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/models/bcosv2/bcosv2zoo.h"
#include "core/models/family.h"
#include "core/models/foreignmodel.h"
#include "core/models/modelfile.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bcos::cli {
namespace {

/// --from bcos-v2 --arch NAME: the zoo entry's architecture (a JSON file with a bcosv2_* family works too); the
/// class count comes from --num-classes or the weights' head.
core::RecognizedModel zooModel(const Args &args, const core::WeightsFile &file, const std::string &path)
{
    const std::string spec = args.required("arch");
    const auto entry = core::findBcosV2ZooEntry(spec);
    nlohmann::json arch;
    bool bcos = true;
    int64_t resize = 256;
    if (entry) {
        arch = entry->arch;
        bcos = entry->bcos;
        resize = entry->resizeSize;
    } else {
        try {
            arch = core::resolveArchitecture(spec);
        } catch (const core::Error &) {
            throw UsageError{fmt::format("--arch '{}' is not a B-cos-v2 zoo name ({})", spec,
                                         fmt::join(core::bcosV2ZooNames(), ", "))};
        }
        if (arch.value("family", std::string()).rfind("bcosv2_", 0) != 0)
            throw UsageError{fmt::format("--arch '{}' is a '{}' network, not a B-cos-v2 one", spec,
                                         arch.value("family", std::string()))};
    }
    const auto layout = core::inferBcosV2Architecture(file.tensors);
    const int64_t declared = arch.value("num_classes", int64_t{0});
    if (args.has("num-classes")) {
        arch["num_classes"] = args.integer("num-classes", 0);
    } else if (layout && layout->arch.at("num_classes").get<int64_t>() != declared) {
        arch["num_classes"] = layout->arch.at("num_classes");
        fmt::print(stderr, "note: {} classes, from the weights' classifier head ({} declares {}); give --num-classes "
                           "to override\n", arch["num_classes"].get<int64_t>(), spec, declared);
    }
    core::BcosSettings settings;
    settings.b = args.number("b", settings.b);
    settings.maxOut = args.integer("max-out", layout ? layout->maxOut : 1);
    settings.logitBias = args.number("logit-bias", settings.logitBias);
    core::RecognizedModel model;
    model.kind = "bcos-v2";
    model.name = entry ? entry->name : spec;
    model.how = "--arch";
    model.origin = path;
    model.weights = file.tensors;
    model.description = core::bcosV2Description(arch, bcos, resize, settings);
    if (model.description.numClasses() == 1000)
        model.description.classNames = core::imagenetClassNames();
    model.description.provenance = {{"command", "bcos convert --from bcos-v2"}, {"arch", spec}, {"weights", path}};
    return model;
}

} // namespace

int convertPublished(const Args &args)
{
    const std::string from = args.required("from");
    const std::string path = args.required("weights");
    const std::string out = args.required("out");
    if (from != "bcos-v2" && from != "bcosification")
        throw UsageError{fmt::format("--from must be torchvision, bcos-v2 or bcosification, got '{}'", from)};
    const core::WeightsFile file = core::loadWeightsFile(path);
    core::RecognizedModel model;
    if (from == "bcos-v2" && args.has("arch")) {
        model = zooModel(args, file, path);
    } else {
        auto recognized = core::recognizeWeights(file, path);
        if (!recognized || recognized->kind != from)
            core::fail(core::ErrorCode::Format, "{}: not a {} file: {}", path,
                       from == "bcos-v2" ? "B-cos-v2 zoo" : "B-cosification release",
                       recognized ? "it is a " + recognized->kind + " file"
                                  : std::string("its keys fit no known layout (give --arch for a B-cos-v2 file)"));
        model = std::move(*recognized);
        if (args.has("num-classes") && args.integer("num-classes", 0) != model.description.numClasses())
            throw UsageError{fmt::format("--num-classes {} does not fit the weights' {} classes",
                                         args.integer("num-classes", 0), model.description.numClasses())};
    }
    core::Network network = core::openRecognizedModel(model);
    core::saveModel(out, *network);
    fmt::print("{} -> {}\n", core::describeRecognizedModel(model), out);
    return 0;
}

} // namespace bcos::cli
