// libFuzzer target: image decoding through our imaging layer (core/imaging/imageio, OpenCV underneath).
#include "fuzzinput.h"

#include "core/imaging/imageio.h"

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // OpenCV allocates a header's claimed size before decoding; its default cap (2^30 pixels) lets one mutated
    // header ask for 12 GB of floats. 2^22 pixels keeps every input inside libFuzzer's memory limit
    // (docs/fuzzing.md); the environment wins when set.
    setenv("OPENCV_IO_MAX_IMAGE_PIXELS", "4194304", 0);
    // Every rejected input would log an imread warning: thousands of lines a second.
    setenv("OPENCV_LOG_LEVEL", "ERROR", 0);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return bcos::fuzz::parseAsFile(data, size, "input-image", [](const std::filesystem::path &path) {
        (void)bcos::imaging::readImage(path);
    });
}
