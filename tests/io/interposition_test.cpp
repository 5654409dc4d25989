// What core calls in libstdc++ and zlib binds to those libraries, whatever a library later in the load order
// exports: this suite links libbcos_interposer.so (tests/io/interposer.cpp, broken copies of std::filesystem::
// remove_all and of zlib's functions) where LibTorch stands. Without cmake/bcosruntime.cmake's order every test here
// fails, as every suite that removed a temporary directory crashed against PyPI's LibTorch 2.11.
#include "core/data/filebytes.h"
#include "core/io/zipreader.h"
#include "core/text/cliptokenizer.h"
#include "tests/io/torchfixtures.h"
#include "tests/support/golden.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <filesystem>
#include <fstream>

extern "C" int bcosInterposerCalls(); // a direct reference keeps the library in the executable's DT_NEEDED

namespace bcos {
namespace {

class Interposition : public ::testing::Test {
protected:
    void SetUp() override
    {
        Dl_info info{};
        ASSERT_NE(dladdr(reinterpret_cast<void *>(&bcosInterposerCalls), &info), 0);
        ASSERT_NE(std::string(info.dli_fname).find("bcos_interposer"), std::string::npos) << info.dli_fname;
    }
    void TearDown() override { EXPECT_EQ(bcosInterposerCalls(), 0) << "core called the interposer's copy"; }
};

TEST_F(Interposition, TemporaryDirectoriesAreRemovedByLibstdcxx)
{
    std::filesystem::path kept;
    {
        test::TempDir dir;
        kept = dir.path();
        std::filesystem::create_directories(dir / "a" / "b");
        std::ofstream(dir / "a" / "b" / "file.txt") << "x";
    }
    EXPECT_FALSE(std::filesystem::exists(kept));
}

#ifdef BCOS_HAVE_ZLIB
TEST_F(Interposition, GzipFilesAreReadWithZlib)
{
    const std::string merges = core::readFileBytes(test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz");
    EXPECT_GT(merges.size(), 1000000u);
    EXPECT_EQ(merges.rfind("\"bpe_simple_vocab_16e6.txt#version: 0.2", 0), 0u) << merges.substr(0, 40);
    const core::ClipTokenizer tokenizer(test::goldenDir() / "bpe_simple_vocab_16e6.txt.gz");
    const auto ids = tokenizer.encode("a photo of a cat");
    EXPECT_EQ(ids.size(), 5u);
    EXPECT_EQ(tokenizer.decode(ids), "a photo of a cat ");
}

TEST_F(Interposition, DeflatedZipEntriesAreInflatedAndChecked)
{
    const std::string text = test::compressibleText();
    test::ZipBuilder builder;
    builder.addDeflated("archive/data.pkl", text);
    test::TempDir dir;
    std::ofstream(dir / "a.zip", std::ios::binary) << builder.bytes();
    const core::ZipReader zip(dir / "a.zip");
    ASSERT_LT(zip.entries()[0].compressedSize, text.size());
    EXPECT_EQ(zip.read(zip.entries()[0]), text);
}
#endif

} // namespace
} // namespace bcos
