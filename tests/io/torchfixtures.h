#pragma once

#include "tests/support/errorof.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bcos::test {

/// Builds pickle bytes opcode by opcode, the way torch.save (protocol 2) writes them, so that tests can
/// craft both valid state dicts and hostile or broken pickles.
class PickleBuilder {
public:
    PickleBuilder();                                    ///< starts with PROTO 2
    PickleBuilder &op(char opcode);                     ///< one raw opcode byte
    PickleBuilder &raw(const std::string &bytes);
    PickleBuilder &global(const std::string &module, const std::string &name); ///< GLOBAL
    PickleBuilder &string(const std::string &text);     ///< BINUNICODE
    PickleBuilder &integer(std::int64_t value);         ///< BININT1 / BININT / LONG1
    PickleBuilder &real(double value);                  ///< BINFLOAT
    PickleBuilder &mark() { return op('('); }
    PickleBuilder &tuple() { return op('t'); }
    PickleBuilder &emptyTuple() { return op(')'); }
    PickleBuilder &emptyDict() { return op('}'); }
    PickleBuilder &setItems() { return op('u'); }
    PickleBuilder &reduce() { return op('R'); }
    PickleBuilder &put(std::uint8_t index);             ///< BINPUT
    PickleBuilder &get(std::uint8_t index);             ///< BINGET
    PickleBuilder &orderedDict();                       ///< collections.OrderedDict()
    PickleBuilder &stop() { return op('.'); }

    /// One tensor the way torch pickles it: _rebuild_tensor_v2(persistent storage id, offset, size,
    /// stride, False, OrderedDict()), optionally wrapped in _rebuild_parameter.
    struct Tensor {
        std::string storageType = "FloatStorage";
        std::string key = "0";
        std::int64_t storageElements = 0;
        std::int64_t offset = 0;
        std::vector<std::int64_t> size;
        std::vector<std::int64_t> stride;
        bool parameter = false;
    };
    PickleBuilder &tensor(const Tensor &tensor);

    const std::string &bytes() const { return m_bytes; }

private:
    PickleBuilder &intTuple(const std::vector<std::int64_t> &values);
    std::string m_bytes;
};

/// Builds a zip archive byte by byte (stored entries, or any method number for error tests).
class ZipBuilder {
public:
    void add(const std::string &name, const std::string &data, std::uint16_t method = 0);
    /// An entry whose bytes are `data` compressed with raw deflate (needs zlib: BCOS_HAVE_ZLIB).
    void addDeflated(const std::string &name, const std::string &data);
    /// Local headers, data, central directory and end record; `zip64` adds ZIP64 extra fields and records.
    std::string bytes(bool zip64 = false) const;

private:
    struct Entry {
        std::string name;
        std::string data;
        std::uint16_t method;
        std::uint64_t size;  ///< uncompressed size
        std::uint32_t crc32; ///< written as is (0 for stored test entries: the reader ignores it)
    };
    std::vector<Entry> m_entries;
};

/// "0,1,...,96,0,1,..." with `count` numbers: text that deflates well, for deflated zip entries.
std::string compressibleText(int count = 5000);

/// A torch.save-style archive: "<folder>/data.pkl", "<folder>/data/<key>" storages, "<folder>/version" and,
/// when given, "<folder>/byteorder".
std::string torchArchive(const std::string &pickle, const std::map<std::string, std::string> &storages,
                         const std::optional<std::string> &byteorder = std::string("little"),
                         const std::string &folder = "archive");

/// Little-endian bytes of `values` (a storage's contents).
template <class T>
std::string storageBytes(const std::vector<T> &values)
{
    return std::string(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(T));
}

/// IEEE half-precision bits of a float that is exactly representable (test values only).
std::uint16_t halfBits(float value);

void writeBytes(const std::filesystem::path &path, const std::string &bytes);

} // namespace bcos::test
