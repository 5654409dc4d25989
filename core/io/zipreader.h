#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bcos::core {

class MappedFile;

/// One member of a zip archive, as the central directory describes it (sizes and offsets validated).
struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;        ///< 0 = stored, 8 = deflated (read only when built with zlib)
    std::uint32_t crc32 = 0;         ///< checked for deflated entries
    std::uint64_t dataOffset = 0;    ///< absolute file offset of the entry's bytes (after the local header)
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;          ///< uncompressed size in bytes
};

/// Limits that protect against hostile archives (zip bombs, huge directories).
struct ZipLimits {
    std::uint64_t maxEntries = 1u << 20;
    std::uint64_t maxEntryBytes = std::uint64_t(1) << 40; ///< 1 TiB: larger entries are refused
};

/// Read-only access to a zip archive such as a torch.save or TorchScript file (the file is memory-mapped).
/// Reads the end-of-central-directory record (ZIP64 when present), the central directory and every local
/// header, and checks that all of them lie inside the file. Entry names that are absolute or contain a
/// ".." component are refused, as are encrypted entries and duplicate names. Compressed entries are
/// listed; data() refuses them (torch stores everything uncompressed) while read()/readInto() inflate
/// deflated entries when the core was built with zlib (BCOS_HAVE_ZLIB), checking the CRC and refusing
/// entries that claim more bytes than deflate can produce from their compressed size (zip bombs).
/// Every error is Error{Format|Io|Unsupported} whose message starts with the file name.
class ZipReader {
public:
    explicit ZipReader(const std::filesystem::path &path, const ZipLimits &limits = {});

    const std::vector<ZipEntry> &entries() const { return m_entries; }
    /// The entry with this exact name, or nullptr.
    const ZipEntry *find(std::string_view name) const;
    /// The bytes of a stored entry (a view into the mapped file); Error{Unsupported} for compressed entries.
    std::string_view data(const ZipEntry &entry) const;
    /// A copy of the entry's bytes, stored or deflated.
    std::string read(const ZipEntry &entry) const;
    /// Writes the entry's `entry.size` bytes, stored or deflated, to `out`.
    void readInto(const ZipEntry &entry, void *out) const;
    /// The mapped file, to keep zero-copy tensor views alive.
    const std::shared_ptr<MappedFile> &file() const { return m_file; }
    /// The file name used as the prefix of error messages.
    const std::string &origin() const { return m_origin; }

private:
    void readDirectory(const ZipLimits &limits);
    ZipEntry readCentralEntry(std::uint64_t &offset, std::uint64_t end, const ZipLimits &limits) const;
    void inflateEntry(const ZipEntry &entry, const std::byte *source, unsigned char *out) const;

    std::shared_ptr<MappedFile> m_file;
    std::string m_origin;
    std::vector<ZipEntry> m_entries;
};

} // namespace bcos::core
