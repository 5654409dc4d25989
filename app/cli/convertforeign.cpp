#include "convertforeign.h"

#include "app/cli/args.h"
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/models/foreignmodel.h"
#include "core/models/modelfile.h"

#include <fmt/format.h>

namespace bcos::cli {
namespace {

/// --from bcos-v2 --arch SPEC: the zoo entry (or bcosv2_* architecture) SPEC names; the class count from
/// --num-classes or the weights' head.
core::RecognizedModel zooModel(const Args &args, const core::WeightsFile &file, const std::string &path)
{
    core::BcosV2ImportRequest request;
    request.arch = args.required("arch");
    if (args.has("num-classes"))
        request.numClasses = args.integerAtLeast("num-classes", 0, 1);
    if (args.has("b"))
        request.b = args.numberAtLeast("b", 2.0, 1.0);
    if (args.has("max-out"))
        request.maxOut = args.integerAtLeast("max-out", 1, 1);
    if (args.has("logit-bias"))
        request.logitBias = args.number("logit-bias", 0.0);
    std::string notice;
    core::RecognizedModel model = core::importBcosV2(file.tensors, request, path, &notice);
    if (!notice.empty())
        fmt::print(stderr, "{}\n", notice);
    model.description.provenance["command"] = "bcos convert --from bcos-v2";
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
