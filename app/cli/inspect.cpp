#include "commands.h"

#include "app/cli/args.h"
#include "core/error.h"
#include "core/io/weightsfile.h"
#include "core/models/foreignmodel.h"

#include <fmt/format.h>

namespace bcos::cli {

// bcos inspect FILE: what a weights file holds (any format loadWeightsFile() reads).
int runInspect(const std::vector<std::string> &arguments)
{
    Args args(arguments, {}, {"help"});
    if (args.has("help")) {
        fmt::print("usage: bcos inspect FILE\n\nLists the tensors (name, dtype, shape, bytes), metadata and problems "
                   "of a safetensors file,\na torch.save archive, a Lightning .ckpt or a TorchScript .pt, the pickle "
                   "globals it skipped\n(inert placeholders: loading never executes code) and, for a B-cos-v2 zoo "
                   "file or a\nB-cosification release, which published model it is.\n");
        return 0;
    }
    if (args.positional().size() != 1)
        throw UsageError{"expected exactly one FILE (see bcos inspect --help)"};
    const std::string &path = args.positional().front();
    const core::WeightsFile weights = core::loadWeightsFile(path);
    fmt::print("{}\n{}", path, core::describeWeightsFile(weights));
    try { // a published B-cos model that opens without --arch
        if (const auto model = core::recognizeWeights(weights, path))
            fmt::print("recognised: {}\n", core::describeRecognizedModel(*model));
    } catch (const core::Error &) {
        // a layout that looks familiar but does not build: nothing to name
    }
    return 0;
}

} // namespace bcos::cli
