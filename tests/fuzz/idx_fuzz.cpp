// libFuzzer target: IDX files (core/data/idxdataset), parsed both as images (3 dimensions) and labels (1).
#include "fuzzinput.h"

#include "core/data/idxdataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using bcos::core::IdxDataset;
    const std::string bytes(bcos::fuzz::bytesOf(data, size));
    bcos::fuzz::expectOnlyCoreErrors([&] { (void)IdxDataset::parseIdx(bytes, 3, "images-idx3-ubyte"); });
    return bcos::fuzz::expectOnlyCoreErrors([&] { (void)IdxDataset::parseIdx(bytes, 1, "labels-idx1-ubyte"); });
}
