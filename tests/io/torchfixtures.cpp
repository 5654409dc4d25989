#include "torchfixtures.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <stdexcept>

#ifdef BCOS_HAVE_ZLIB
#include <zlib.h>
#endif

namespace bcos::test {
namespace {

template <class T>
void append(std::string &out, T value)
{
    out.append(reinterpret_cast<const char *>(&value), sizeof(T));
}

} // namespace

PickleBuilder::PickleBuilder() { m_bytes = "\x80\x02"; }

PickleBuilder &PickleBuilder::op(char opcode)
{
    m_bytes += opcode;
    return *this;
}

PickleBuilder &PickleBuilder::raw(const std::string &bytes)
{
    m_bytes += bytes;
    return *this;
}

PickleBuilder &PickleBuilder::global(const std::string &module, const std::string &name)
{
    m_bytes += "c" + module + "\n" + name + "\n";
    return *this;
}

PickleBuilder &PickleBuilder::string(const std::string &text)
{
    m_bytes += 'X';
    append<std::uint32_t>(m_bytes, static_cast<std::uint32_t>(text.size()));
    m_bytes += text;
    return *this;
}

PickleBuilder &PickleBuilder::integer(std::int64_t value)
{
    if (value >= 0 && value < 256) {
        m_bytes += 'K';
        append<std::uint8_t>(m_bytes, static_cast<std::uint8_t>(value));
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        m_bytes += 'J';
        append<std::int32_t>(m_bytes, static_cast<std::int32_t>(value));
    } else {
        m_bytes += "\x8a\x08";
        append<std::int64_t>(m_bytes, value);
    }
    return *this;
}

PickleBuilder &PickleBuilder::real(double value)
{
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, 8);
    m_bytes += 'G';
    for (int shift = 56; shift >= 0; shift -= 8)
        m_bytes += static_cast<char>((bits >> shift) & 0xFF);
    return *this;
}

PickleBuilder &PickleBuilder::put(std::uint8_t index)
{
    m_bytes += 'q';
    m_bytes += static_cast<char>(index);
    return *this;
}

PickleBuilder &PickleBuilder::get(std::uint8_t index)
{
    m_bytes += 'h';
    m_bytes += static_cast<char>(index);
    return *this;
}

PickleBuilder &PickleBuilder::orderedDict()
{
    return global("collections", "OrderedDict").emptyTuple().reduce();
}

PickleBuilder &PickleBuilder::intTuple(const std::vector<std::int64_t> &values)
{
    mark();
    for (auto value : values)
        integer(value);
    return tuple();
}

PickleBuilder &PickleBuilder::tensor(const Tensor &spec)
{
    if (spec.parameter)
        global("torch._utils", "_rebuild_parameter").mark();
    global("torch._utils", "_rebuild_tensor_v2").mark();
    mark().string("storage").global("torch", spec.storageType).string(spec.key).string("cpu")
        .integer(spec.storageElements).tuple().op('Q');
    integer(spec.offset).intTuple(spec.size).intTuple(spec.stride).op('\x89').orderedDict().tuple().reduce();
    if (spec.parameter)
        op('\x88').orderedDict().tuple().reduce();
    return *this;
}

void ZipBuilder::add(const std::string &name, const std::string &data, std::uint16_t method)
{
    m_entries.push_back({name, data, method, data.size(), 0});
}

void ZipBuilder::addDeflated(const std::string &name, const std::string &data)
{
#ifdef BCOS_HAVE_ZLIB
    z_stream stream{};
    if (deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw std::runtime_error("deflate failed");
    const auto crc = crc32(0L, reinterpret_cast<const Bytef *>(data.data()), static_cast<uInt>(data.size()));
    m_entries.push_back({name, out, 8, data.size(), static_cast<std::uint32_t>(crc)});
#else
    throw std::logic_error("ZipBuilder::addDeflated needs zlib");
#endif
}

std::string ZipBuilder::bytes(bool zip64) const
{
    std::string out;
    std::string directory;
    for (const auto &entry : m_entries) {
        const auto localOffset = static_cast<std::uint64_t>(out.size());
        const auto size = entry.size;
        const auto stored = static_cast<std::uint64_t>(entry.data.size());
        std::string extra;
        if (zip64) { // sizes and offset in the ZIP64 extra field, 0xFFFFFFFF in the fixed fields
            append<std::uint16_t>(extra, 0x0001);
            append<std::uint16_t>(extra, 24);
            append<std::uint64_t>(extra, size);
            append<std::uint64_t>(extra, stored);
            append<std::uint64_t>(extra, localOffset);
        }
        const std::uint32_t small = zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(size);
        const std::uint32_t smallStored = zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(stored);
        append<std::uint32_t>(out, 0x04034b50);
        append<std::uint16_t>(out, 20);
        append<std::uint16_t>(out, 0);
        append<std::uint16_t>(out, entry.method);
        append<std::uint32_t>(out, 0); // time, date
        append<std::uint32_t>(out, entry.crc32);
        append<std::uint32_t>(out, smallStored);
        append<std::uint32_t>(out, small);
        append<std::uint16_t>(out, static_cast<std::uint16_t>(entry.name.size()));
        append<std::uint16_t>(out, 0);
        out += entry.name + entry.data;

        append<std::uint32_t>(directory, 0x02014b50);
        append<std::uint16_t>(directory, 45);
        append<std::uint16_t>(directory, 45);
        append<std::uint16_t>(directory, 0);
        append<std::uint16_t>(directory, entry.method);
        append<std::uint32_t>(directory, 0);
        append<std::uint32_t>(directory, entry.crc32);
        append<std::uint32_t>(directory, smallStored);
        append<std::uint32_t>(directory, small);
        append<std::uint16_t>(directory, static_cast<std::uint16_t>(entry.name.size()));
        append<std::uint16_t>(directory, static_cast<std::uint16_t>(extra.size()));
        append<std::uint16_t>(directory, 0); // comment
        append<std::uint16_t>(directory, 0); // disk
        append<std::uint16_t>(directory, 0);
        append<std::uint32_t>(directory, 0);
        append<std::uint32_t>(directory, zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(localOffset));
        directory += entry.name + extra;
    }
    const auto directoryOffset = static_cast<std::uint64_t>(out.size());
    out += directory;
    const auto count = static_cast<std::uint64_t>(m_entries.size());
    if (zip64) {
        const auto record = static_cast<std::uint64_t>(out.size());
        append<std::uint32_t>(out, 0x06064b50);
        append<std::uint64_t>(out, 44);
        append<std::uint16_t>(out, 45);
        append<std::uint16_t>(out, 45);
        append<std::uint32_t>(out, 0);
        append<std::uint32_t>(out, 0);
        append<std::uint64_t>(out, count);
        append<std::uint64_t>(out, count);
        append<std::uint64_t>(out, directory.size());
        append<std::uint64_t>(out, directoryOffset);
        append<std::uint32_t>(out, 0x07064b50);
        append<std::uint32_t>(out, 0);
        append<std::uint64_t>(out, record);
        append<std::uint32_t>(out, 1);
    }
    append<std::uint32_t>(out, 0x06054b50);
    append<std::uint16_t>(out, 0);
    append<std::uint16_t>(out, 0);
    append<std::uint16_t>(out, zip64 ? 0xFFFF : static_cast<std::uint16_t>(count));
    append<std::uint16_t>(out, zip64 ? 0xFFFF : static_cast<std::uint16_t>(count));
    append<std::uint32_t>(out, zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(directory.size()));
    append<std::uint32_t>(out, zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(directoryOffset));
    append<std::uint16_t>(out, 0);
    return out;
}

std::string compressibleText(int count)
{
    std::string text;
    for (int i = 0; i < count; ++i)
        text += std::to_string(i % 97) + ",";
    return text;
}

std::string torchArchive(const std::string &pickle, const std::map<std::string, std::string> &storages,
                         const std::optional<std::string> &byteorder, const std::string &folder)
{
    ZipBuilder zip;
    zip.add(folder + "/data.pkl", pickle);
    if (byteorder)
        zip.add(folder + "/byteorder", *byteorder);
    for (const auto &[key, data] : storages)
        zip.add(folder + "/data/" + key, data);
    zip.add(folder + "/version", "3\n");
    return zip.bytes();
}

std::uint16_t halfBits(float value)
{
    if (value == 0.0f)
        return std::signbit(value) ? 0x8000 : 0;
    int exponent = 0;
    const float mantissa = std::frexp(std::fabs(value), &exponent); // value = mantissa * 2^exponent, [0.5, 1)
    const auto fraction = static_cast<std::uint16_t>(std::lround((mantissa * 2.0f - 1.0f) * 1024.0f));
    const int biased = exponent - 1 + 15;
    if (biased <= 0 || biased >= 31)
        throw std::invalid_argument("halfBits: only normal half values are supported");
    return static_cast<std::uint16_t>((value < 0 ? 0x8000 : 0) | (biased << 10) | fraction);
}

void writeBytes(const std::filesystem::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace bcos::test
