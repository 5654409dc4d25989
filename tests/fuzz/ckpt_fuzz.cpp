// libFuzzer target: loadWeightsFile (core/io/weightsfile) on a ".ckpt" file: format detection, Lightning
// checkpoint flattening, metadata and problem lists, then the human-readable listing.
#include "fuzzinput.h"

#include "core/io/weightsfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return bcos::fuzz::parseAsFile(data, size, "input.ckpt", [](const std::filesystem::path &path) {
        (void)bcos::core::describeWeightsFile(bcos::core::loadWeightsFile(path));
    });
}
