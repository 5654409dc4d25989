// libFuzzer target: architecture JSON (core/models/family resolveArchitecture on a file) and model
// descriptions (ModelDescription::fromJson + canonicalArchitecture, as a model file's metadata is read), with
// the round trip toJson -> fromJson of whatever is accepted.
#include "fuzzinput.h"

#include "core/models/family.h"
#include "core/models/modeldescription.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bcos::core;
    const std::string_view bytes = bcos::fuzz::bytesOf(data, size);
    bcos::fuzz::expectOnlyCoreErrors([&] {
        (void)resolveArchitecture(bcos::fuzz::writeScratchFile("architecture.json", bytes).string());
    });
    // Malformed JSON is the JSON library's business (resolveArchitecture above covers our handling of it).
    const nlohmann::json json = nlohmann::json::parse(bytes, nullptr, false);
    if (json.is_discarded())
        return 0;
    return bcos::fuzz::expectOnlyCoreErrors([&] {
        ModelDescription description = ModelDescription::fromJson(json, "description.json");
        description.architecture = canonicalArchitecture(description.architecture, "description.json");
        (void)ModelDescription::fromJson(description.toJson(), "round trip");
    });
}
