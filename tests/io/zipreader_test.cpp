#include "core/error.h"
#include "core/io/zipreader.h"
#include "tests/io/torchfixtures.h"
#include "tests/support/tempdir.h"

#include <gtest/gtest.h>

namespace bcos {
namespace {

using test::errorOf;

class ZipReaderTest : public ::testing::Test {
protected:
    std::string path(const std::string &bytes)
    {
        const auto file = m_dir / "a.zip";
        test::writeBytes(file, bytes);
        return file.string();
    }
    std::string openError(const std::string &bytes)
    {
        const auto file = path(bytes);
        return errorOf([&] { core::ZipReader reader(file); });
    }
    test::TempDir m_dir;
};

TEST_F(ZipReaderTest, ReadsStoredEntriesWithAndWithoutZip64)
{
    for (bool zip64 : {false, true}) {
        SCOPED_TRACE(zip64);
        test::ZipBuilder builder;
        builder.add("archive/data.pkl", "pickle bytes");
        builder.add("archive/data/0", std::string("\x01\x02\x03", 3));
        builder.add("archive/empty", "");
        const core::ZipReader zip(path(builder.bytes(zip64)));
        ASSERT_EQ(zip.entries().size(), 3u);
        EXPECT_EQ(zip.data(*zip.find("archive/data.pkl")), "pickle bytes");
        EXPECT_EQ(zip.data(*zip.find("archive/data/0")), std::string("\x01\x02\x03", 3));
        EXPECT_EQ(zip.data(*zip.find("archive/empty")), "");
        EXPECT_EQ(zip.find("archive/missing"), nullptr);
    }
}

TEST_F(ZipReaderTest, TruncatedArchiveIsRefused)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", std::string(100, 'x'));
    const std::string bytes = builder.bytes();
    const auto file = path(bytes.substr(0, bytes.size() - 30));
    EXPECT_EQ(errorOf([&] { core::ZipReader reader(file); }),
              file + ": not a valid zip archive: end of central directory record not found (truncated file?)");
    const auto tiny = path("PK\x03\x04");
    EXPECT_EQ(errorOf([&] { core::ZipReader reader(tiny); }),
              tiny + ": not a valid zip archive: 4 bytes is too short (truncated file?)");
}

TEST_F(ZipReaderTest, BadCentralDirectoryIsRefused)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", "abc");
    std::string bytes = builder.bytes();
    // The end record's directory offset (bytes 16..19 of the last 22) points past the file.
    std::string moved = bytes;
    moved[moved.size() - 3] = '\x7f';
    EXPECT_EQ(openError(moved), (m_dir / "a.zip").string()
              + ": not a valid zip archive: central directory (offset 2130706481, 62 bytes) lies outside the file");
    // A corrupted central directory signature.
    std::string corrupt = bytes;
    const auto directory = corrupt.find("PK\x01\x02");
    corrupt[directory + 2] = 'X';
    EXPECT_EQ(openError(corrupt), (m_dir / "a.zip").string()
              + ": not a valid zip archive: bad central directory entry at offset 49");
}

TEST_F(ZipReaderTest, UnsafeNamesAreRefused)
{
    for (const std::string name : {"../evil", "archive/../../etc/passwd", "/etc/passwd", "archive/..", "a\\..\\b"}) {
        SCOPED_TRACE(name);
        test::ZipBuilder builder;
        builder.add(name, "x");
        EXPECT_EQ(openError(builder.bytes()), (m_dir / "a.zip").string() + ": zip entry name '" + name
                  + "' is unsafe (absolute path or '..' component)");
    }
}

TEST_F(ZipReaderTest, CompressedEntriesAreListedButNotRead)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", "deflated?", 8);
    const core::ZipReader zip(path(builder.bytes()));
    ASSERT_EQ(zip.entries().size(), 1u);
    EXPECT_EQ(errorOf([&] { zip.data(zip.entries()[0]); }), (m_dir / "a.zip").string()
              + ": zip entry 'archive/data.pkl' is compressed (method 8); torch archives store entries uncompressed");
}

#ifdef BCOS_HAVE_ZLIB
TEST_F(ZipReaderTest, DeflatedEntriesAreInflatedAndChecked)
{
    const std::string text = test::compressibleText();
    test::ZipBuilder builder;
    builder.addDeflated("archive/data.pkl", text);
    std::string bytes = builder.bytes();
    {
        const core::ZipReader zip(path(bytes));
        ASSERT_LT(zip.entries()[0].compressedSize, text.size());
        EXPECT_EQ(zip.read(zip.entries()[0]), text);
    }
    bytes[bytes.find("PK\x01\x02") + 16] ^= 0x55; // the central directory's CRC
    {
        const core::ZipReader zip(path(bytes));
        EXPECT_EQ(errorOf([&] { zip.read(zip.entries()[0]); }),
                  (m_dir / "a.zip").string() + ": zip entry 'archive/data.pkl' fails its CRC check (corrupt data)");
    }
    test::ZipBuilder garbage;
    garbage.add("archive/data.pkl", std::string(40, '\xff'), 8);
    const core::ZipReader zip(path(garbage.bytes()));
    EXPECT_EQ(errorOf([&] { zip.read(zip.entries()[0]); }), (m_dir / "a.zip").string()
              + ": zip entry 'archive/data.pkl' does not inflate to its declared 40 bytes (corrupt data)");
}

TEST_F(ZipReaderTest, OtherCompressionMethodsAreRefused)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", "bzip2?", 12);
    const core::ZipReader zip(path(builder.bytes()));
    EXPECT_EQ(errorOf([&] { zip.read(zip.entries()[0]); }), (m_dir / "a.zip").string()
              + ": zip entry 'archive/data.pkl' uses compression method 12; only stored (0) and deflated (8) entries "
                "can be read");
}
#else
TEST_F(ZipReaderTest, WithoutZlibDeflatedEntriesAreRefused)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", "deflated?", 8);
    const core::ZipReader zip(path(builder.bytes()));
    EXPECT_EQ(errorOf([&] { zip.read(zip.entries()[0]); }), (m_dir / "a.zip").string()
              + ": zip entry 'archive/data.pkl' is compressed (method 8); torch archives store entries uncompressed");
}
#endif

TEST_F(ZipReaderTest, EntryPastTheEndAndZipBombSizesAreRefused)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", "abcdef");
    std::string bytes = builder.bytes();
    // Claim 0x01000006 bytes in the central directory (sizes at +20 and +24 of the entry).
    const auto directory = bytes.find("PK\x01\x02");
    bytes[directory + 23] = '\x01';
    bytes[directory + 27] = '\x01';
    EXPECT_EQ(openError(bytes), (m_dir / "a.zip").string()
              + ": zip entry 'archive/data.pkl' (16777222 bytes at offset 46) lies outside the file (truncated?)");
    core::ZipLimits limits;
    limits.maxEntryBytes = 1000;
    const auto file = path(bytes);
    EXPECT_EQ(errorOf([&] { core::ZipReader reader(file, limits); }),
              file + ": zip entry 'archive/data.pkl' claims 16777222 bytes, more than the limit of 1000");
    // A compressed entry claiming more than deflate can produce from its bytes.
    test::ZipBuilder bomb;
    bomb.add("archive/data.pkl", "abc", 8);
    std::string bombBytes = bomb.bytes();
    bombBytes[bombBytes.find("PK\x01\x02") + 27] = '\x10';
    EXPECT_EQ(openError(bombBytes), (m_dir / "a.zip").string()
              + ": zip entry 'archive/data.pkl' claims 268435459 bytes from 3 compressed bytes (zip bomb?)");
}

TEST_F(ZipReaderTest, DuplicateNamesAreRefused)
{
    test::ZipBuilder builder;
    builder.add("archive/data.pkl", "a");
    builder.add("archive/data.pkl", "b");
    EXPECT_EQ(openError(builder.bytes()), (m_dir / "a.zip").string() + ": zip entry 'archive/data.pkl' appears twice");
}

} // namespace
} // namespace bcos
