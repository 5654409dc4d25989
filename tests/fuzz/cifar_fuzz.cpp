// libFuzzer target: a CIFAR-10 binary batch (core/data/cifardataset) as test_batch.bin, then the first and
// last sample.
#include "fuzzinput.h"

#include "core/data/cifardataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return bcos::fuzz::parseAsFile(data, size, "test_batch.bin", [](const std::filesystem::path &path) {
        const bcos::core::CifarDataset dataset(path.parent_path(), false);
        (void)dataset.get(0);
        (void)dataset.get(dataset.size() - 1);
    });
}
