#include "zipreader.h"

#include "core/error.h"
#include "core/io/mappedfile.h"

#include <algorithm>
#include <cstring>
#include <set>

#ifdef BCOS_HAVE_ZLIB
#include <zlib.h>
#endif

namespace bcos::core {
namespace {

constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint64_t kEndSize = 22;
constexpr std::uint64_t kCentralSize = 46;
constexpr std::uint64_t kLocalSize = 30;

/// Bounds-checked little-endian reads from the mapped bytes.
class Bytes {
public:
    Bytes(const std::byte *data, std::uint64_t size, const std::string &origin)
        : m_data(data), m_size(size), m_origin(origin) {}

    std::uint64_t size() const { return m_size; }
    bool fits(std::uint64_t offset, std::uint64_t length) const
    {
        return offset <= m_size && length <= m_size - offset;
    }
    template <class T>
    T read(std::uint64_t offset, const char *what) const
    {
        if (!fits(offset, sizeof(T)))
            fail(ErrorCode::Format, "{}: not a valid zip archive: {} at offset {} lies outside the file ({} bytes)",
                 m_origin, what, offset, m_size);
        T value{};
        std::memcpy(&value, m_data + offset, sizeof(T));
        return value;
    }
    std::string text(std::uint64_t offset, std::uint64_t length, const char *what) const
    {
        if (!fits(offset, length))
            fail(ErrorCode::Format, "{}: not a valid zip archive: {} at offset {} lies outside the file ({} bytes)",
                 m_origin, what, offset, m_size);
        return std::string(reinterpret_cast<const char *>(m_data + offset), length);
    }

private:
    const std::byte *m_data;
    std::uint64_t m_size;
    const std::string &m_origin;
};

bool unsafeName(const std::string &name)
{
    if (name.empty() || name.front() == '/' || name.front() == '\\' || name.find('\\') != std::string::npos
        || name.find(':') != std::string::npos || name.find('\0') != std::string::npos)
        return true;
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto slash = name.find('/', start);
        const auto part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..")
            return true;
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return false;
}

/// Replaces 0xFFFFFFFF fields by the values of the ZIP64 extended-information extra field (id 0x0001).
void applyZip64Extra(const std::string &extra, ZipEntry &entry, std::uint64_t &localOffset, const std::string &origin)
{
    const bool needSize = entry.size == 0xFFFFFFFFu;
    const bool needCompressed = entry.compressedSize == 0xFFFFFFFFu;
    const bool needOffset = localOffset == 0xFFFFFFFFu;
    if (!needSize && !needCompressed && !needOffset)
        return;
    std::size_t at = 0;
    while (at + 4 <= extra.size()) {
        std::uint16_t id = 0, length = 0;
        std::memcpy(&id, extra.data() + at, 2);
        std::memcpy(&length, extra.data() + at + 2, 2);
        at += 4;
        if (at + length > extra.size())
            break;
        if (id == 0x0001) {
            std::size_t field = at;
            auto next = [&](std::uint64_t &value) {
                if (field + 8 > at + length)
                    fail(ErrorCode::Format, "{}: zip entry '{}': ZIP64 extra field is too short", origin, entry.name);
                std::memcpy(&value, extra.data() + field, 8);
                field += 8;
            };
            if (needSize)
                next(entry.size);
            if (needCompressed)
                next(entry.compressedSize);
            if (needOffset)
                next(localOffset);
            return;
        }
        at += length;
    }
    fail(ErrorCode::Format, "{}: zip entry '{}' needs a ZIP64 extra field but has none", origin, entry.name);
}

} // namespace

ZipReader::ZipReader(const std::filesystem::path &path, const ZipLimits &limits)
    : m_file(MappedFile::open(path))
    , m_origin(path.string())
{
    readDirectory(limits);
}

const ZipEntry *ZipReader::find(std::string_view name) const
{
    for (const auto &entry : m_entries)
        if (entry.name == name)
            return &entry;
    return nullptr;
}

std::string ZipReader::read(const ZipEntry &entry) const
{
    std::string out(entry.size, '\0');
    readInto(entry, out.data());
    return out;
}

void ZipReader::readInto(const ZipEntry &entry, void *out) const
{
    const std::byte *source = m_file->data() + entry.dataOffset;
    if (entry.method == 0) {
        std::memcpy(out, source, entry.size);
        return;
    }
#ifdef BCOS_HAVE_ZLIB
    if (entry.method == 8) {
        inflateEntry(entry, source, static_cast<unsigned char *>(out));
        return;
    }
    fail(ErrorCode::Unsupported, "{}: zip entry '{}' uses compression method {}; only stored (0) and deflated (8) "
         "entries can be read", m_origin, entry.name, entry.method);
#else
    data(entry); // throws: compressed
#endif
}

#ifdef BCOS_HAVE_ZLIB
void ZipReader::inflateEntry(const ZipEntry &entry, const std::byte *source, unsigned char *out) const
{
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) // raw deflate, as zip stores it
        fail(ErrorCode::Internal, "{}: cannot initialise zlib", m_origin);
    constexpr std::uint64_t kChunk = std::uint64_t(1) << 30; // z_stream counts in 32-bit uInt
    std::uint64_t inLeft = entry.compressedSize;
    std::uint64_t outLeft = entry.size;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<std::byte *>(source));
    stream.next_out = out;
    int status = Z_OK;
    while (status == Z_OK) {
        if (stream.avail_in == 0 && inLeft > 0) {
            stream.avail_in = static_cast<uInt>(std::min(inLeft, kChunk));
            inLeft -= stream.avail_in;
        }
        if (stream.avail_out == 0 && outLeft > 0) {
            stream.avail_out = static_cast<uInt>(std::min(outLeft, kChunk));
            outLeft -= stream.avail_out;
        }
        const uInt before = stream.avail_in + stream.avail_out;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_BUF_ERROR && before == stream.avail_in + stream.avail_out)
            break; // no progress: input exhausted or output full
        if (status == Z_BUF_ERROR)
            status = Z_OK;
    }
    const bool complete = status == Z_STREAM_END && stream.avail_out == 0 && outLeft == 0;
    inflateEnd(&stream);
    if (!complete)
        fail(ErrorCode::Format, "{}: zip entry '{}' does not inflate to its declared {} bytes (corrupt data)",
             m_origin, entry.name, entry.size);
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::uint64_t done = 0; done < entry.size; done += kChunk)
        crc = crc32(crc, out + done, static_cast<uInt>(std::min(entry.size - done, kChunk)));
    if (crc != entry.crc32)
        fail(ErrorCode::Format, "{}: zip entry '{}' fails its CRC check (corrupt data)", m_origin, entry.name);
}
#endif

std::string_view ZipReader::data(const ZipEntry &entry) const
{
    if (entry.method != 0)
        fail(ErrorCode::Unsupported, "{}: zip entry '{}' is compressed (method {}); torch archives store entries "
             "uncompressed", m_origin, entry.name, entry.method);
    return {reinterpret_cast<const char *>(m_file->data()) + entry.dataOffset, entry.size};
}

void ZipReader::readDirectory(const ZipLimits &limits)
{
    const Bytes bytes(m_file->data(), m_file->size(), m_origin);
    if (bytes.size() < kEndSize)
        fail(ErrorCode::Format, "{}: not a valid zip archive: {} bytes is too short (truncated file?)", m_origin,
             bytes.size());
    // The end record sits in the last 22 + 65535 (comment) bytes; search backwards for its signature.
    std::uint64_t end = bytes.size() - kEndSize;
    const std::uint64_t lowest = end > 0xFFFF ? end - 0xFFFF : 0;
    while (bytes.read<std::uint32_t>(end, "end record") != kEndSignature) {
        if (end == lowest)
            fail(ErrorCode::Format, "{}: not a valid zip archive: end of central directory record not found "
                 "(truncated file?)", m_origin);
        --end;
    }
    std::uint64_t count = bytes.read<std::uint16_t>(end + 10, "end record");
    std::uint64_t directorySize = bytes.read<std::uint32_t>(end + 12, "end record");
    std::uint64_t directoryOffset = bytes.read<std::uint32_t>(end + 16, "end record");
    if (end >= 20 && bytes.read<std::uint32_t>(end - 20, "ZIP64 locator") == kZip64LocatorSignature) {
        const auto record = bytes.read<std::uint64_t>(end - 12, "ZIP64 locator");
        if (bytes.read<std::uint32_t>(record, "ZIP64 end record") != kZip64EndSignature)
            fail(ErrorCode::Format, "{}: not a valid zip archive: bad ZIP64 end record signature at offset {}",
                 m_origin, record);
        count = bytes.read<std::uint64_t>(record + 32, "ZIP64 end record");
        directorySize = bytes.read<std::uint64_t>(record + 40, "ZIP64 end record");
        directoryOffset = bytes.read<std::uint64_t>(record + 48, "ZIP64 end record");
    }
    if (!bytes.fits(directoryOffset, directorySize) || directoryOffset + directorySize > end)
        fail(ErrorCode::Format, "{}: not a valid zip archive: central directory (offset {}, {} bytes) lies outside "
             "the file", m_origin, directoryOffset, directorySize);
    if (count > limits.maxEntries || count > directorySize / kCentralSize)
        fail(ErrorCode::Format, "{}: not a valid zip archive: {} entries do not fit a {}-byte central directory "
             "(limit {})", m_origin, count, directorySize, limits.maxEntries);
    std::set<std::string> names;
    std::uint64_t offset = directoryOffset;
    for (std::uint64_t i = 0; i < count; ++i) {
        ZipEntry entry = readCentralEntry(offset, directoryOffset + directorySize, limits);
        if (!names.insert(entry.name).second)
            fail(ErrorCode::Format, "{}: zip entry '{}' appears twice", m_origin, entry.name);
        m_entries.push_back(std::move(entry));
    }
}

ZipEntry ZipReader::readCentralEntry(std::uint64_t &offset, std::uint64_t end, const ZipLimits &limits) const
{
    const Bytes bytes(m_file->data(), m_file->size(), m_origin);
    if (offset + kCentralSize > end || bytes.read<std::uint32_t>(offset, "central directory") != kCentralSignature)
        fail(ErrorCode::Format, "{}: not a valid zip archive: bad central directory entry at offset {}", m_origin,
             offset);
    const auto flags = bytes.read<std::uint16_t>(offset + 8, "central directory");
    ZipEntry entry;
    entry.method = bytes.read<std::uint16_t>(offset + 10, "central directory");
    entry.crc32 = bytes.read<std::uint32_t>(offset + 16, "central directory");
    entry.compressedSize = bytes.read<std::uint32_t>(offset + 20, "central directory");
    entry.size = bytes.read<std::uint32_t>(offset + 24, "central directory");
    const std::uint64_t nameLength = bytes.read<std::uint16_t>(offset + 28, "central directory");
    const std::uint64_t extraLength = bytes.read<std::uint16_t>(offset + 30, "central directory");
    const std::uint64_t commentLength = bytes.read<std::uint16_t>(offset + 32, "central directory");
    std::uint64_t localOffset = bytes.read<std::uint32_t>(offset + 42, "central directory");
    const std::uint64_t next = offset + kCentralSize + nameLength + extraLength + commentLength;
    if (next > end)
        fail(ErrorCode::Format, "{}: not a valid zip archive: central directory entry at offset {} overruns the "
             "directory", m_origin, offset);
    entry.name = bytes.text(offset + kCentralSize, nameLength, "entry name");
    applyZip64Extra(bytes.text(offset + kCentralSize + nameLength, extraLength, "extra field"), entry, localOffset,
                    m_origin);
    offset = next;

    if (unsafeName(entry.name))
        fail(ErrorCode::Format, "{}: zip entry name '{}' is unsafe (absolute path or '..' component)", m_origin,
             entry.name);
    if (flags & 0x1)
        fail(ErrorCode::Unsupported, "{}: zip entry '{}' is encrypted", m_origin, entry.name);
    if (entry.size > limits.maxEntryBytes)
        fail(ErrorCode::Format, "{}: zip entry '{}' claims {} bytes, more than the limit of {}", m_origin, entry.name,
             entry.size, limits.maxEntryBytes);
    // Deflate expands at most ~1032:1; an entry claiming more is a zip bomb (or corrupt).
    if (entry.method != 0 && entry.size / 1032 > entry.compressedSize + 1024)
        fail(ErrorCode::Format, "{}: zip entry '{}' claims {} bytes from {} compressed bytes (zip bomb?)", m_origin,
             entry.name, entry.size, entry.compressedSize);
    if (entry.method == 0 && entry.compressedSize != entry.size)
        fail(ErrorCode::Format, "{}: stored zip entry '{}' has compressed size {} but size {}", m_origin, entry.name,
             entry.compressedSize, entry.size);
    if (bytes.read<std::uint32_t>(localOffset, "local header") != kLocalSignature)
        fail(ErrorCode::Format, "{}: not a valid zip archive: bad local header for entry '{}' at offset {}", m_origin,
             entry.name, localOffset);
    const std::uint64_t localName = bytes.read<std::uint16_t>(localOffset + 26, "local header");
    const std::uint64_t localExtra = bytes.read<std::uint16_t>(localOffset + 28, "local header");
    entry.dataOffset = localOffset + kLocalSize + localName + localExtra;
    if (!bytes.fits(entry.dataOffset, entry.compressedSize))
        fail(ErrorCode::Format, "{}: zip entry '{}' ({} bytes at offset {}) lies outside the file (truncated?)",
             m_origin, entry.name, entry.compressedSize, entry.dataOffset);
    return entry;
}

} // namespace bcos::core
