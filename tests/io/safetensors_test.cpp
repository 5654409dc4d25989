#include "core/error.h"
#include "core/io/safetensors.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace bcos {
namespace {

std::string readBytes(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Builds a safetensors byte string from a raw header text and a data buffer.
std::string rawFile(const std::string &header, std::size_t dataBytes)
{
    std::string out(8, '\0');
    const std::uint64_t length = header.size();
    std::memcpy(out.data(), &length, 8);
    return out + header + std::string(dataBytes, '\x01');
}

std::string parseError(const std::string &bytes)
{
    try {
        core::parseSafetensors(bytes, "x.safetensors");
    } catch (const core::Error &error) {
        return error.what();
    }
    return "no error";
}

TEST(Safetensors, GoldenFilesRoundTripByteForByte)
{
    for (const char *name : {"loss", "gridpg", "tokenizer", "gradcam", "vit_simple", "vitc", "densenet", "clip",
                             "resnet_basic", "resnet_bottleneck"}) {
        SCOPED_TRACE(name);
        const auto path = test::goldenDir() / (std::string(name) + ".safetensors");
        const auto contents = core::readSafetensors(path);
        EXPECT_EQ(contents.metadata.value("format"), "bcos-golden-v1");
        EXPECT_EQ(contents.metadata.value("case"), name);
        const std::string original = readBytes(path);
        const std::string rewritten = core::encodeSafetensors(contents.tensors, contents.metadata);
        ASSERT_EQ(rewritten.size(), original.size());
        EXPECT_TRUE(rewritten == original) << "re-encoded bytes differ";
    }
}

TEST(Safetensors, ReadsAreZeroCopyViewsThatCanBeModifiedWithoutTouchingTheFile)
{
    test::TempDir dir;
    core::TensorMap tensors;
    tensors.insert("a", torch::arange(16, torch::kFloat).reshape({4, 4}));
    core::writeSafetensors(dir / "a.safetensors", tensors);
    const std::string before = readBytes(dir / "a.safetensors");
    auto contents = core::readSafetensors(dir / "a.safetensors");
    contents.tensors["a"].mul_(2); // copy-on-write pages: the file stays as it was
    EXPECT_EQ(contents.tensors["a"][1][1].item<float>(), 10.0f);
    EXPECT_EQ(readBytes(dir / "a.safetensors"), before);
}

TEST(Safetensors, EveryDtypeRoundTrips)
{
    test::TempDir dir;
    core::TensorMap tensors;
    const auto base = torch::tensor({-3.5, 0.0, 1.25, 7.0, 2.0, -1.0}).reshape({2, 3});
    for (auto type : {torch::kDouble, torch::kFloat, torch::kHalf, torch::kBFloat16, torch::kLong, torch::kInt,
                      torch::kShort, torch::kChar, torch::kByte, torch::kBool})
        tensors.insert(core::safetensorsDtypeName(type), (type == torch::kByte ? base.abs() : base).to(type));
    tensors.insert("scalar", torch::tensor(42, torch::kLong).reshape({}));
    tensors.insert("empty", torch::zeros({0, 5}));
    tensors.insert("strided", torch::arange(12, torch::kFloat).reshape({3, 4}).t());
    core::Metadata metadata;
    metadata.set("zeta", "first");
    metadata.set("alpha", "{\"json\": \"ü\"}");
    core::writeSafetensors(dir / "all.safetensors", tensors, metadata);

    const auto back = core::readSafetensors(dir / "all.safetensors");
    ASSERT_EQ(back.tensors.size(), tensors.size());
    for (const auto &item : tensors) {
        SCOPED_TRACE(item.key());
        const auto &got = back.tensors[item.key()];
        EXPECT_EQ(got.scalar_type(), item.value().scalar_type());
        EXPECT_EQ(got.sizes(), item.value().sizes());
        EXPECT_TRUE(torch::equal(got, item.value().contiguous()));
    }
    EXPECT_EQ(back.metadata.begin()->first, "zeta"); // metadata keeps its order
    EXPECT_EQ(back.metadata.value("alpha"), "{\"json\": \"ü\"}");
}

TEST(Safetensors, MalformedFilesGiveSpecificErrors)
{
    EXPECT_EQ(parseError("abc"), "x.safetensors: file is 3 bytes, too short for a safetensors header length");
    EXPECT_EQ(parseError(rawFile("{}", 0).substr(0, 9)),
              "x.safetensors: header length 2 is larger than the rest of the file (1 bytes); truncated?");
    std::string huge(8, '\0');
    const std::uint64_t length = 200ull * 1024 * 1024;
    std::memcpy(huge.data(), &length, 8);
    EXPECT_EQ(parseError(huge), "x.safetensors: header length 209715200 exceeds the limit of 104857600 bytes");
    EXPECT_EQ(parseError(rawFile("[1, 2]", 0)), "x.safetensors: header must be a JSON object");
    EXPECT_EQ(parseError(rawFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                 R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12)),
              "x.safetensors: tensor 'b' (bytes 4..12) overlaps the previous tensor (ends at 8)");
    EXPECT_EQ(parseError(rawFile(R"({"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}})", 8)),
              "x.safetensors: tensor 'a': unknown dtype 'F33' (expected one of F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)");
    EXPECT_EQ(parseError(rawFile(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8)),
              "x.safetensors: tensor 'a': shape entries must be non-negative integers, got -2");
    EXPECT_EQ(parseError(rawFile(
                  R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", 8)),
              "x.safetensors: tensor 'a': shape [4294967296,4294967296] overflows");
    EXPECT_EQ(parseError(rawFile(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8)),
              "x.safetensors: tensor 'a': shape [3] of F32 needs 12 bytes but data_offsets give 8");
    EXPECT_EQ(parseError(rawFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 12)),
              "x.safetensors: tensors cover 8 bytes but the data buffer holds 12");
    EXPECT_EQ(parseError(rawFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12)),
              "x.safetensors: 4 unused bytes before tensor 'a' (data offsets must be contiguous)");
    EXPECT_EQ(parseError(rawFile(R"({"__metadata__":{"k":1}})", 0)),
              "x.safetensors: '__metadata__.k' must be a string");
    const std::string notUtf8 = parseError(rawFile("{\"\xff\xfe\":1}", 0));
    EXPECT_EQ(notUtf8.rfind("x.safetensors: header is not valid UTF-8 JSON:", 0), 0u) << notUtf8;
}

TEST(Safetensors, MissingFileNamesThePath)
{
    try {
        core::readSafetensors("/nonexistent/model.safetensors");
        FAIL() << "expected an error";
    } catch (const core::Error &error) {
        EXPECT_EQ(error.code(), core::ErrorCode::Io);
        EXPECT_STREQ(error.what(), "/nonexistent/model.safetensors: cannot open: No such file or directory");
    }
}

} // namespace
} // namespace bcos
