#include "commands.h"

#include "app/cli/args.h"
#include "core/io/weightsfile.h"

#include <fmt/format.h>

namespace bcos::cli {

// bcos inspect FILE: what a weights file holds (any format loadWeightsFile() reads).
int runInspect(const std::vector<std::string> &arguments)
{
    Args args(arguments, {}, {"help"});
    if (args.has("help")) {
        fmt::print("usage: bcos inspect FILE\n\nLists the tensors (name, dtype, shape, bytes), metadata and problems "
                   "of a safetensors file,\na torch.save archive, a Lightning .ckpt or a TorchScript .pt. Loading "
                   "never executes code.\n");
        return 0;
    }
    if (args.positional().size() != 1)
        throw UsageError{"expected exactly one FILE (see bcos inspect --help)"};
    const std::string &path = args.positional().front();
    const core::WeightsFile weights = core::loadWeightsFile(path);
    fmt::print("{}\n{}", path, core::describeWeightsFile(weights));
    return 0;
}

} // namespace bcos::cli
