// The crashers found by the libFuzzer targets (tests/fuzz, docs/fuzzing.md), each replayed from its committed
// file with the outcome the fixed core gives: a precise core::Error or a correct decode.
#include "core/data/idxdataset.h"
#include "core/error.h"
#include "core/io/pickle.h"
#include "core/models/modeldescription.h"
#include "tests/support/buildpaths.h"
#include "tests/support/errorof.h"
#include "tests/support/tempdir.h"

#ifdef BCOS_FUZZ_REGRESSION_IMAGES
#include "core/imaging/imageio.h"
#endif

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace bcos {
namespace {

std::string crasher(const std::string &target, const std::string &name)
{
    const std::filesystem::path path
        = std::filesystem::path(bcos::test::sourceDir()) / "tests" / "fuzz" / "corpus" / target / name;
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

// idx_fuzz: dimensions 0 x 2818572287 x 4294967295 hold 0 bytes, but their contiguous strides overflow int64:
// LibTorch's clone() crashed (SEGV in c10::SymInt). The product of the non-zero dimensions is now checked.
TEST(FuzzRegression, IdxZeroDimensionBesideHugeOnesIsAFormatError)
{
    const std::string bytes = crasher("idx", "regression-zero-beside-huge-dims");
    EXPECT_EQ(test::errorOf([&] { core::IdxDataset::parseIdx(bytes, 3, "images-idx3-ubyte"); }),
              "images-idx3-ubyte: IDX dimensions 0x2818572287x4294967295 describe more bytes than a file can hold");
}

// archjson_fuzz: a model description whose "format" is a number made json::value() throw
// nlohmann::json::type_error out of ModelDescription::fromJson instead of core::Error.
TEST(FuzzRegression, DescriptionFormatThatIsNotAStringIsAFormatError)
{
    const auto json = nlohmann::json::parse(crasher("archjson", "regression-format-not-a-string.json"));
    ASSERT_EQ(json.at("format"), 1);
    EXPECT_EQ(test::errorOf([&] { core::ModelDescription::fromJson(json, "description.json"); }),
              "description.json: field 'format' must be \"bcos-model-v1\"");
}

// archjson_fuzz (UBSan): "max_out" written as a 105-digit integer is parsed by nlohmann as a double (1.1e104);
// reading it into int64_t cast the double out of range (undefined behaviour). Integer fields of a model
// description now take JSON integers only, range-checked.
TEST(FuzzRegression, DescriptionIntegerFieldBeyond64BitsIsAFormatError)
{
    const auto json = nlohmann::json::parse(crasher("archjson", "regression-integer-field-beyond-64-bits.json"));
    ASSERT_TRUE(json.at("bcos").at("max_out").is_number_float());
    EXPECT_EQ(test::errorOf([&] { core::ModelDescription::fromJson(json, "description.json"); }),
              "description.json: bcos: field 'max_out' has the wrong type (1.111111311111111e+104)");
    auto edited = json;
    edited["bcos"]["max_out"] = 2.5; // a fraction was silently truncated before
    EXPECT_EQ(test::errorOf([&] { core::ModelDescription::fromJson(edited, "description.json"); }),
              "description.json: bcos: field 'max_out' has the wrong type (2.5)");
    edited["bcos"]["max_out"] = 18446744073709551615u; // an unsigned JSON integer above INT64_MAX
    EXPECT_EQ(test::errorOf([&] { core::ModelDescription::fromJson(edited, "description.json"); }),
              "description.json: bcos: field 'max_out' is out of range (18446744073709551615)");
    edited["bcos"]["max_out"] = 2;
    EXPECT_EQ(core::ModelDescription::fromJson(edited, "description.json").bcos.maxOut, 2);
}

#ifdef BCOS_FUZZ_REGRESSION_IMAGES
// image_fuzz: 135 bytes without any image signature but with "DICM" at offset 128. OpenCV handed them to its
// last-resort DICOM decoder (GDCM), which failed an assert() and aborted the process: a dropped file could
// take the studio down. readImage now checks the signature itself and refuses DICOM.
TEST(FuzzRegression, DicomMarkerNeverReachesGdcm)
{
    const std::string bytes = crasher("image", "regression-dicom-marker-gdcm-abort");
    ASSERT_EQ(bytes.size(), 135u);
    ASSERT_EQ(bytes.substr(128, 4), "DICM");
    test::TempDir dir;
    const std::filesystem::path file = dir / "scan.png";
    std::ofstream(file, std::ios::binary) << bytes;
    EXPECT_EQ(test::errorOf([&] { bcos::imaging::readImage(file); }),
              file.string() + ": DICOM files are not supported; convert the image to PNG or TIFF");
}

// image_fuzz: a Radiance HDR header ("#?RADIANCE") that OpenCV's HDR decoder rejects leaves the file open: one
// descriptor per file, until the fuzzer (or a long studio session) ran out of them. HDR never reaches OpenCV now.
TEST(FuzzRegression, RejectedHdrLeaksNoFileDescriptor)
{
    const std::string bytes = crasher("image", "regression-radiance-hdr-fd-leak");
    ASSERT_EQ(bytes.substr(0, 10), "#?RADIANCE");
    test::TempDir dir;
    const std::filesystem::path file = dir / "light.hdr";
    std::ofstream(file, std::ios::binary) << bytes;
    const auto openDescriptors = [] {
        const std::filesystem::directory_iterator entries("/proc/self/fd");
        return std::distance(begin(entries), end(entries));
    };
    const auto before = openDescriptors();
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(test::errorOf([&] { bcos::imaging::readImage(file); }),
                  file.string() + ": not an image OpenCV can decode (PNG, JPEG, BMP, TIFF, WebP...)");
    EXPECT_EQ(openDescriptors(), before);
}
#endif

// pickle_fuzz: an argparse.Namespace whose BUILD state is the Namespace itself (BINGET of its own memo entry)
// appended its fields to the vector it was iterating: heap-use-after-free. It now decodes, fields unchanged.
TEST(FuzzRegression, NamespaceBuiltFromItselfKeepsItsFields)
{
    const std::string bytes = crasher("pickle", "regression-namespace-self-build.pkl");
    const core::PickleValuePtr root = core::unpickle(bytes, "self.pkl", core::UnpickleHooks{});
    ASSERT_EQ(root->kind, core::PickleValue::Kind::Dict);
    EXPECT_EQ(root->text, "argparse.Namespace");
    ASSERT_EQ(root->entries.size(), 2u);
    EXPECT_EQ(root->entries[0].first->integer, 1);
    EXPECT_EQ(root->entries[0].second->integer, 2);
    EXPECT_EQ(root->entries[1].first->integer, 3);
    EXPECT_EQ(root->entries[1].second->integer, 4);
}

} // namespace bcos
