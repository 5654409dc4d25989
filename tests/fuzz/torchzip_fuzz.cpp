// libFuzzer target: torch.save zip archives (core/io/zipreader + torchfile + pickle) read as a state dict.
#include "fuzzinput.h"

#include "core/io/pickle.h"
#include "core/io/torchfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return bcos::fuzz::parseAsFile(data, size, "input.pt", [](const std::filesystem::path &path) {
        (void)bcos::core::readTorchFile(path)->repr();
    });
}
