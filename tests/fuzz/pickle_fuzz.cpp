// libFuzzer target: the restricted unpickler (core/io/pickle) on raw pickle bytes, then repr() of the result.
#include "fuzzinput.h"

#include "core/io/pickle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return bcos::fuzz::expectOnlyCoreErrors([&] {
        using namespace bcos::core;
        (void)unpickle(bcos::fuzz::bytesOf(data, size), "input.pkl", UnpickleHooks{})->repr();
    });
}
