#include "safetensors.h"

#include "core/error.h"
#include "core/io/atomicfile.h"
#include "core/io/mappedfile.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <optional>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors data is little-endian");

namespace bcos::core {
namespace {

using Json = nlohmann::ordered_json;

struct DtypeEntry {
    std::string_view name;
    at::ScalarType type;
};

constexpr std::array kDtypes{
    DtypeEntry{"F64", at::kDouble}, DtypeEntry{"F32", at::kFloat},   DtypeEntry{"F16", at::kHalf},
    DtypeEntry{"BF16", at::kBFloat16}, DtypeEntry{"I64", at::kLong}, DtypeEntry{"I32", at::kInt},
    DtypeEntry{"I16", at::kShort},  DtypeEntry{"I8", at::kChar},     DtypeEntry{"U8", at::kByte},
    DtypeEntry{"BOOL", at::kBool},
};

std::optional<at::ScalarType> dtypeFromName(std::string_view name)
{
    for (const auto &entry : kDtypes)
        if (entry.name == name)
            return entry.type;
    return std::nullopt;
}

struct Entry {
    std::string name;
    at::ScalarType type;
    std::vector<int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

Entry parseEntry(std::string_view origin, const std::string &name, const Json &value)
{
    if (!value.is_object())
        fail(ErrorCode::Format, "{}: header entry '{}' is not an object", origin, name);
    const auto dtype = value.find("dtype");
    const auto shape = value.find("shape");
    const auto offsets = value.find("data_offsets");
    if (dtype == value.end() || shape == value.end() || offsets == value.end())
        fail(ErrorCode::Format, "{}: tensor '{}' needs 'dtype', 'shape' and 'data_offsets'", origin, name);
    if (!dtype->is_string())
        fail(ErrorCode::Format, "{}: tensor '{}': 'dtype' must be a string", origin, name);
    const auto type = dtypeFromName(dtype->get<std::string>());
    if (!type)
        fail(ErrorCode::Unsupported, "{}: tensor '{}': unknown dtype '{}' (expected one of F64 F32 F16 BF16 I64 I32 "
             "I16 I8 U8 BOOL)", origin, name, dtype->get<std::string>());
    Entry entry{name, *type, {}, 0, 0};
    if (!shape->is_array())
        fail(ErrorCode::Format, "{}: tensor '{}': 'shape' must be an array", origin, name);
    std::uint64_t elements = 1;
    for (const auto &dim : *shape) {
        if (!dim.is_number_integer() || (dim.is_number_integer() && !dim.is_number_unsigned() && dim.get<int64_t>() < 0))
            fail(ErrorCode::Format, "{}: tensor '{}': shape entries must be non-negative integers, got {}", origin,
                 name, dim.dump());
        const auto extent = dim.get<std::uint64_t>();
        if (extent > static_cast<std::uint64_t>(std::numeric_limits<int64_t>::max())
            || (extent != 0 && elements > std::numeric_limits<std::uint64_t>::max() / extent))
            fail(ErrorCode::Format, "{}: tensor '{}': shape {} overflows", origin, name, shape->dump());
        elements *= extent;
        entry.shape.push_back(static_cast<int64_t>(extent));
    }
    if (!offsets->is_array() || offsets->size() != 2 || !(*offsets)[0].is_number_unsigned()
        || !(*offsets)[1].is_number_unsigned())
        fail(ErrorCode::Format, "{}: tensor '{}': 'data_offsets' must be two non-negative integers", origin, name);
    entry.begin = (*offsets)[0].get<std::uint64_t>();
    entry.end = (*offsets)[1].get<std::uint64_t>();
    if (entry.end < entry.begin)
        fail(ErrorCode::Format, "{}: tensor '{}': data_offsets [{}, {}] end before they begin", origin, name,
             entry.begin, entry.end);
    const auto itemSize = static_cast<std::uint64_t>(c10::elementSize(entry.type));
    if (elements > std::numeric_limits<std::uint64_t>::max() / itemSize || elements * itemSize != entry.end - entry.begin)
        fail(ErrorCode::Format, "{}: tensor '{}': shape {} of {} needs {} bytes but data_offsets give {}", origin,
             name, shape->dump(), dtype->get<std::string>(), elements * itemSize, entry.end - entry.begin);
    return entry;
}

Metadata parseMetadata(std::string_view origin, const Json &value)
{
    if (!value.is_object())
        fail(ErrorCode::Format, "{}: '__metadata__' must be an object of strings", origin);
    Metadata metadata;
    for (const auto &[key, item] : value.items()) {
        if (!item.is_string())
            fail(ErrorCode::Format, "{}: '__metadata__.{}' must be a string", origin, key);
        metadata.set(key, item.get<std::string>());
    }
    return metadata;
}

/// Checks that the entries tile [0, bufferSize) exactly, in offset order.
void checkCoverage(std::string_view origin, std::vector<const Entry *> sorted, std::uint64_t bufferSize)
{
    std::sort(sorted.begin(), sorted.end(), [](const Entry *a, const Entry *b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    std::uint64_t expected = 0;
    for (const Entry *entry : sorted) {
        if (entry->begin < expected)
            fail(ErrorCode::Format, "{}: tensor '{}' (bytes {}..{}) overlaps the previous tensor (ends at {})", origin,
                 entry->name, entry->begin, entry->end, expected);
        if (entry->begin > expected)
            fail(ErrorCode::Format, "{}: {} unused bytes before tensor '{}' (data offsets must be contiguous)", origin,
                 entry->begin - expected, entry->name);
        expected = entry->end;
    }
    if (expected != bufferSize)
        fail(ErrorCode::Format, "{}: tensors cover {} bytes but the data buffer holds {}", origin, expected,
             bufferSize);
}

struct ParsedHeader {
    std::vector<Entry> entries;
    Metadata metadata;
    std::uint64_t dataStart = 0;
};

ParsedHeader parseHeader(std::string_view bytes, std::string_view origin, const SafetensorsLimits &limits)
{
    if (bytes.size() < 8)
        fail(ErrorCode::Format, "{}: file is {} bytes, too short for a safetensors header length", origin,
             bytes.size());
    std::uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    if (headerSize > limits.maxHeaderBytes)
        fail(ErrorCode::Format, "{}: header length {} exceeds the limit of {} bytes", origin, headerSize,
             limits.maxHeaderBytes);
    if (headerSize > bytes.size() - 8)
        fail(ErrorCode::Format, "{}: header length {} is larger than the rest of the file ({} bytes); truncated?",
             origin, headerSize, bytes.size() - 8);
    const std::string_view text = bytes.substr(8, headerSize);
    Json header;
    try {
        header = Json::parse(text);
    } catch (const nlohmann::json::exception &error) {
        fail(ErrorCode::Format, "{}: header is not valid UTF-8 JSON: {}", origin, error.what());
    }
    if (!header.is_object())
        fail(ErrorCode::Format, "{}: header must be a JSON object", origin);
    ParsedHeader parsed;
    parsed.dataStart = 8 + headerSize;
    for (const auto &[key, value] : header.items()) {
        if (key == "__metadata__")
            parsed.metadata = parseMetadata(origin, value);
        else
            parsed.entries.push_back(parseEntry(origin, key, value));
    }
    std::vector<const Entry *> pointers;
    for (const auto &entry : parsed.entries)
        pointers.push_back(&entry);
    checkCoverage(origin, pointers, bytes.size() - parsed.dataStart);
    return parsed;
}

at::Tensor viewOrCopy(const Entry &entry, std::byte *data, const std::shared_ptr<MappedFile> &owner)
{
    const auto options = at::TensorOptions().dtype(entry.type);
    const auto itemSize = c10::elementSize(entry.type);
    if (entry.begin == entry.end)
        return at::empty(entry.shape, options);
    std::byte *start = data + entry.begin;
    if (owner && reinterpret_cast<std::uintptr_t>(start) % itemSize == 0) {
        return torch::from_blob(start, entry.shape, [owner](void *) {}, options);
    }
    auto tensor = at::empty(entry.shape, options);
    std::memcpy(tensor.data_ptr(), start, entry.end - entry.begin);
    return tensor;
}

} // namespace

std::string safetensorsDtypeName(at::ScalarType type)
{
    for (const auto &entry : kDtypes)
        if (entry.type == type)
            return std::string(entry.name);
    fail(ErrorCode::Unsupported, "dtype {} cannot be stored in safetensors", c10::toString(type));
}

SafetensorsContents parseSafetensors(std::string_view bytes, std::string_view origin, const SafetensorsLimits &limits)
{
    const ParsedHeader header = parseHeader(bytes, origin, limits);
    SafetensorsContents contents;
    contents.metadata = header.metadata;
    auto *data = const_cast<std::byte *>(reinterpret_cast<const std::byte *>(bytes.data())) + header.dataStart;
    for (const auto &entry : header.entries) {
        if (contents.tensors.contains(entry.name))
            fail(ErrorCode::Format, "{}: tensor '{}' appears twice", origin, entry.name);
        contents.tensors.insert(entry.name, viewOrCopy(entry, data, nullptr));
    }
    return contents;
}

SafetensorsContents readSafetensors(const std::filesystem::path &path, const SafetensorsLimits &limits)
{
    const auto file = MappedFile::open(path);
    const std::string origin = path.string();
    const std::string_view bytes(reinterpret_cast<const char *>(file->data()), file->size());
    const ParsedHeader header = parseHeader(bytes, origin, limits);
    SafetensorsContents contents;
    contents.metadata = header.metadata;
    std::byte *data = file->mutableData() + header.dataStart;
    for (const auto &entry : header.entries) {
        if (contents.tensors.contains(entry.name))
            fail(ErrorCode::Format, "{}: tensor '{}' appears twice", origin, entry.name);
        contents.tensors.insert(entry.name, viewOrCopy(entry, data, file));
    }
    return contents;
}

std::string encodeSafetensors(const TensorMap &tensors, const Metadata &metadata)
{
    Json header = Json::object();
    if (!metadata.empty()) {
        Json meta = Json::object();
        for (const auto &[key, value] : metadata)
            meta[key] = value;
        header["__metadata__"] = std::move(meta);
    }
    std::vector<at::Tensor> contiguous;
    std::uint64_t offset = 0;
    for (const auto &item : tensors) {
        at::Tensor tensor = item.value().detach().to(at::kCPU).contiguous();
        const auto bytes = static_cast<std::uint64_t>(tensor.numel()) * tensor.element_size();
        header[item.key()] = Json{{"dtype", safetensorsDtypeName(tensor.scalar_type())},
                                  {"shape", tensor.sizes().vec()},
                                  {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        contiguous.push_back(std::move(tensor));
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    std::string out;
    out.reserve(8 + text.size() + offset);
    const std::uint64_t length = text.size();
    out.append(reinterpret_cast<const char *>(&length), 8);
    out.append(text);
    for (const auto &tensor : contiguous)
        out.append(static_cast<const char *>(tensor.data_ptr()), tensor.numel() * tensor.element_size());
    return out;
}

void writeSafetensors(const std::filesystem::path &path, const TensorMap &tensors, const Metadata &metadata)
{
    const std::string bytes = encodeSafetensors(tensors, metadata);
    writeFileAtomically(path, [&](std::ostream &out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

} // namespace bcos::core
