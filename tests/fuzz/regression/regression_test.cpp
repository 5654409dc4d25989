// The crashers found by the libFuzzer targets (tests/fuzz, docs/fuzzing.md), each replayed from its committed
// file with the outcome the fixed core gives: a precise core::Error or a correct decode.
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "core/io/pickle.h"
#include "tests/support/errorof.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace bcos {
namespace {

std::string crasher(const std::string &target, const std::string &name)
{
    const std::filesystem::path path = std::filesystem::path(BCOS_FUZZ_CORPUS_DIR) / target / name;
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "missing crasher " << path;
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

// idx_fuzz: dimensions 65536 x 16777216 x 16777216 multiply to 2^64, which wrapped to 0 and matched the empty
// data section; from_blob then failed inside LibTorch with a raw c10::Error (numel overflow).
TEST(FuzzRegression, IdxDimensionsWhoseByteCountOverflowsAreAFormatError)
{
    const std::string bytes = crasher("idx", "regression-size-overflow");
    ASSERT_EQ(bytes.size(), 16u);
    EXPECT_EQ(test::errorOf([&] { core::IdxDataset::parseIdx(bytes, 3, "images-idx3-ubyte"); }),
              "images-idx3-ubyte: IDX dimensions 65536x16777216x16777216 describe more bytes than a file can hold");
    try {
        core::IdxDataset::parseIdx(bytes, 3, "x");
        FAIL() << "no error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Format);
    }
}

} // namespace bcos
