// libFuzzer target: safetensors files (core/io/safetensors) through the memory-mapped reader, and the
// round trip encode -> parse of whatever it accepts.
#include "fuzzinput.h"

#include "core/io/safetensors.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bcos::core;
    return bcos::fuzz::parseAsFile(data, size, "input.safetensors", [](const std::filesystem::path &path) {
        const SafetensorsContents contents = readSafetensors(path);
        // Whatever was accepted must encode and parse back to the same names, dtypes and shapes.
        const SafetensorsContents again =
            parseSafetensors(encodeSafetensors(contents.tensors, contents.metadata), "round trip");
        if (again.tensors.size() != contents.tensors.size() || again.metadata.size() != contents.metadata.size())
            std::abort();
        for (std::size_t i = 0; i < again.tensors.size(); ++i) {
            const auto &a = contents.tensors[i];
            const auto &b = again.tensors[i];
            if (a.key() != b.key() || a.value().scalar_type() != b.value().scalar_type()
                || a.value().sizes() != b.value().sizes())
                std::abort();
        }
    });
}
